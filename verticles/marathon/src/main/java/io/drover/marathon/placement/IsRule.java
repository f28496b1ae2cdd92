package io.drover.marathon.placement;

import java.util.Optional;

/** Only where the field equals the parameter; numbers compare rounded to thousandths. */
final class IsRule implements ConstraintRule {

  @Override
  public String name() {
    return "IS";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    if (parameter == null) {
      return Optional.of("a value is required");
    }
    return ConstraintField.normalized(parameter).equals(offered)
        ? Optional.empty()
        : Optional.of(offered + " is not " + parameter);
  }
}
