package io.drover.marathon.placement;

import io.drover.resources.Attributes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a constraint's field on an agent: its hostname, or the text of one of its attributes. */
final class ConstraintField {

  private static final Pattern SCALAR = Pattern.compile("\\d+(\\.\\d+)?");

  private ConstraintField() {}

  /** The value of {@code field} on the agent; empty when the agent lacks that attribute. */
  static Optional<String> read(String field, String hostname, Attributes attributes) {
    if (isHostname(field)) {
      return Optional.of(hostname);
    }
    return attributes.get(field).map(ConstraintField::normalized);
  }

  /** Whether {@code field} means the agent's hostname (Marathon takes both spellings). */
  static boolean isHostname(String field) {
    return field.equals("hostname") || field.equals("@hostname");
  }

  /**
   * Mesos would read a number attribute as a scalar, which Marathon compares rounded half-even to
   * thousandths without trailing zeros: {@code 0.8001} and {@code 0.80} both read {@code 0.8}.
   */
  static String normalized(String text) {
    if (!SCALAR.matcher(text).matches()) {
      return text;
    }
    return new BigDecimal(text).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
