package io.drover.marathon.placement;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The regular expression of LIKE and UNLIKE, which must match the whole value. */
final class RegexRules {

  private RegexRules() {}

  /** Whether {@code regex} matches all of {@code value}; empty when {@code regex} is no regex. */
  static Optional<Boolean> fullMatch(String regex, String value) {
    if (regex == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(regex).matcher(value).matches());
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  static String invalid(String regex) {
    return regex == null
        ? "a regular expression is required"
        : "'" + regex + "' is not a valid regular expression";
  }
}
