package io.drover.marathon.deploy;

import io.drover.marathon.app.AppDefinition;
import java.util.Objects;
import java.util.Optional;

/** What a deployment has to do to one app to take it from its original to its target definition. */
enum AppChange {
  START, SCALE, RESTART, STOP;

  /** The change from {@code original} to {@code target} (either may be null: no app); empty when none. */
  static Optional<AppChange> between(AppDefinition original, AppDefinition target) {
    if (original == null && target == null) {
      return Optional.empty();
    }
    if (original == null) {
      return Optional.of(START);
    }
    if (target == null) {
      return Optional.of(STOP);
    }
    if (!original.sameConfigAs(target)) {
      return Optional.of(RESTART);
    }
    if (original.instances() != target.instances()) {
      return Optional.of(SCALE);
    }
    // same configuration and size under a new version: POST /v2/apps/{id}/restart
    if (!Objects.equals(original.version(), target.version())) {
      return Optional.of(RESTART);
    }
    return Optional.empty();
  }
}
