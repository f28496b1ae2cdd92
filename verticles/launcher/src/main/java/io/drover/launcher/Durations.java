package io.drover.launcher;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or a bare number. */
final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private Durations() {
  }

  /** {@code text} in {@code unit}; a bare number is already in {@code unit}. Null when it is not a duration. */
  static Long parse(String text, TimeUnit unit) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (m.group(2) == null) {
      return amount;
    }
    TimeUnit given = switch (m.group(2)) {
      case "ms" -> TimeUnit.MILLISECONDS;
      case "s" -> TimeUnit.SECONDS;
      case "m" -> TimeUnit.MINUTES;
      case "h" -> TimeUnit.HOURS;
      default -> TimeUnit.DAYS;
    };
    if (unit.compareTo(given) > 0 && given.convert(1, unit) > 0 && amount % given.convert(1, unit) != 0) {
      return null; // 1500ms is not a whole number of seconds
    }
    return unit.convert(amount, given);
  }
}
