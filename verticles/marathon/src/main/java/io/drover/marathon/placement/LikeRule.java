package io.drover.marathon.placement;

import java.util.Optional;

/** Only where the field's whole value matches the parameter, a regular expression. */
final class LikeRule implements ConstraintRule {

  @Override
  public String name() {
    return "LIKE";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    return RegexRules.fullMatch(parameter, offered)
        .map(matches -> matches
            ? Optional.<String>empty()
            : Optional.of(offered + " does not match " + parameter))
        .orElseGet(() -> Optional.of(RegexRules.invalid(parameter)));
  }
}
