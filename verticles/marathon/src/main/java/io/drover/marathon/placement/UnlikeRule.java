package io.drover.marathon.placement;

import java.util.Optional;

/** Only where the field's whole value does not match the parameter, a regular expression. */
final class UnlikeRule implements ConstraintRule {

  @Override
  public String name() {
    return "UNLIKE";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    return RegexRules.fullMatch(parameter, offered)
        .map(matches -> matches
            ? Optional.of(offered + " matches " + parameter)
            : Optional.<String>empty())
        .orElseGet(() -> Optional.of(RegexRules.invalid(parameter)));
  }
}
