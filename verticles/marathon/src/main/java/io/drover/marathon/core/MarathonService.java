package io.drover.marathon.core;

import java.util.Objects;

/**
 * What the {@code /v2} API can ask of the leading scheduler: {@link MarathonReads} to look, and
 * {@link AppChanges} to change apps, groups, tasks and deployments.
 */
public record MarathonService(MarathonReads reads, AppChanges changes) {

  public MarathonService {
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(changes, "changes");
  }
}
