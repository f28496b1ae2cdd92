package io.drover.resources;

/**
 * The non-negative integers from {@code begin} to {@code end}, both inclusive: one interval of a
 * Mesos ranges value such as {@code 31000-32000}.
 */
public record Range(long begin, long end) {

  public Range {
    if (begin < 0) {
      throw new IllegalArgumentException("negative range begin " + begin);
    }
    if (begin > end) {
      throw new IllegalArgumentException(
          "range " + begin + "-" + end + " has its begin after its end");
    }
  }

  /** A range holding the single value {@code value}. */
  public static Range of(long value) {
    return new Range(value, value);
  }

  /** How many values the range holds. */
  public long size() {
    return end - begin + 1;
  }

  public boolean contains(long value) {
    return begin <= value && value <= end;
  }

  /** The Mesos text {@code begin-end}, also for a single value ({@code 31000-31000}). */
  @Override
  public String toString() {
    return begin + "-" + end;
  }
}
