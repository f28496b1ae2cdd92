package io.drover.marathon.placement;

import java.util.Optional;

/**
 * All instances where the field reads the same value: the given one, or without a value whichever
 * the first instance landed on.
 */
final class ClusterRule implements ConstraintRule {

  @Override
  public String name() {
    return "CLUSTER";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    if (parameter != null && !parameter.equals(offered)) {
      return Optional.of(offered + " is not " + parameter);
    }
    if (placed.count(offered) == placed.total()) {
      return Optional.empty();
    }
    String elsewhere = placed.byValue().keySet().stream()
        .filter(value -> !value.equals(offered))
        .findFirst()
        .orElse("agents without the field");
    return Optional.of("instances already run on " + elsewhere + ", not " + offered);
  }
}
