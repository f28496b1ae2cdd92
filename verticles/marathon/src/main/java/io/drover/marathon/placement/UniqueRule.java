package io.drover.marathon.placement;

import java.util.Optional;

/** At most one instance per value of the field. */
final class UniqueRule implements ConstraintRule {

  @Override
  public String name() {
    return "UNIQUE";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    return placed.count(offered) == 0
        ? Optional.empty()
        : Optional.of(offered + " already runs an instance");
  }
}
