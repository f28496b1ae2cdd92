package io.drover.marathon.placement;

import java.util.Optional;

/** At most the parameter's number of instances per value of the field. */
final class MaxPerRule implements ConstraintRule {

  @Override
  public String name() {
    return "MAX_PER";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    int max;
    try {
      max = Integer.parseInt(parameter == null ? "" : parameter.trim());
    } catch (NumberFormatException e) {
      return Optional.of("'" + parameter + "' is not a whole number");
    }
    int here = placed.count(offered);
    return here < max
        ? Optional.empty()
        : Optional.of(offered + " already runs " + here + " of at most " + max + " instances");
  }
}
