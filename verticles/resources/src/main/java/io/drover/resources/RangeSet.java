package io.drover.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * An immutable set of non-negative integers, kept as Mesos keeps a ranges value: sorted,
 * non-overlapping ranges, with touching ranges merged ({@code [1-2,3-4]} is {@code [1-4]}). Two
 * sets holding the same values are equal and print the same text.
 *
 * <p>Arithmetic is set arithmetic: {@link #plus} is the union and {@link #minus} the difference.
 */
public final class RangeSet {

  /** The set with no values; prints as {@code []}. */
  public static final RangeSet EMPTY = new RangeSet(new long[0]);

  // begin0, end0, begin1, end1, ...: sorted, disjoint and never touching
  private final long[] bounds;

  private RangeSet(long[] bounds) {
    this.bounds = bounds;
  }

  /** The set of the given values, in any order, duplicates allowed. */
  public static RangeSet of(long... values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    Coalescer out = new Coalescer(sorted.length);
    for (long value : sorted) {
      if (value < 0) {
        throw new IllegalArgumentException("negative value " + value);
      }
      out.add(value, value);
    }
    return out.toRangeSet();
  }

  /** The set of the values from {@code begin} to {@code end}, both inclusive. */
  public static RangeSet between(long begin, long end) {
    Range range = new Range(begin, end);
    return new RangeSet(new long[] {range.begin(), range.end()});
  }

  /** The union of the given ranges, which may overlap and come in any order. */
  public static RangeSet ofRanges(Collection<Range> ranges) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a.begin(), b.begin()));
    Coalescer out = new Coalescer(sorted.size());
    for (Range range : sorted) {
      out.add(range.begin(), range.end());
    }
    return out.toRangeSet();
  }

  /**
   * Reads the Mesos ranges syntax, {@code [31000-32000,33000-33001]}. A single value may be written
   * alone ({@code [80]}); ranges may overlap and come in any order; {@code []} is the empty set.
   *
   * @throws ResourceSyntaxException naming the bad text
   */
  public static RangeSet parse(String text) {
    try {
      return parseBracketed(text.trim());
    } catch (ResourceSyntaxException e) {
      throw new ResourceSyntaxException(
          "invalid range set '" + text.trim() + "': " + e.getMessage());
    }
  }

  // the message of what this throws is the bare problem; callers add the token it was found in
  static RangeSet parseBracketed(String text) {
    if (!text.startsWith("[") || !text.endsWith("]") || text.length() < 2) {
      throw new ResourceSyntaxException("expected [begin-end,...]");
    }
    String body = text.substring(1, text.length() - 1).trim();
    if (body.isEmpty()) {
      return EMPTY;
    }
    List<Range> ranges = new ArrayList<>();
    for (String item : body.split(",", -1)) {
      ranges.add(parseRange(item.trim()));
    }
    return ofRanges(ranges);
  }

  private static Range parseRange(String item) {
    if (item.isEmpty()) {
      throw new ResourceSyntaxException("empty range");
    }
    if (item.startsWith("-")) {
      throw new ResourceSyntaxException("negative value in range '" + item + "'");
    }
    int dash = item.indexOf('-');
    if (dash < 0) {
      long value = parseBound(item, item);
      return new Range(value, value);
    }
    long begin = parseBound(item.substring(0, dash).trim(), item);
    long end = parseBound(item.substring(dash + 1).trim(), item);
    if (begin > end) {
      throw new ResourceSyntaxException("range '" + item + "' has its begin after its end");
    }
    return new Range(begin, end);
  }

  private static long parseBound(String text, String item) {
    if (text.startsWith("-")) {
      throw new ResourceSyntaxException("negative value in range '" + item + "'");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ResourceSyntaxException(
          "'" + text + "' in range '" + item + "' is not a whole number");
    }
  }

  /** The ranges of this set, sorted, disjoint and not touching. */
  public List<Range> ranges() {
    List<Range> ranges = new ArrayList<>(bounds.length / 2);
    for (int i = 0; i < bounds.length; i += 2) {
      ranges.add(new Range(bounds[i], bounds[i + 1]));
    }
    return List.copyOf(ranges);
  }

  public boolean isEmpty() {
    return bounds.length == 0;
  }

  /** The number of values in the set (not the number of ranges). */
  public long size() {
    long size = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      size += bounds[i + 1] - bounds[i] + 1;
    }
    return size;
  }

  public boolean contains(long value) {
    int low = 0;
    int high = bounds.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (bounds[2 * mid + 1] < value) {
        low = mid + 1;
      } else if (bounds[2 * mid] > value) {
        high = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** Whether every value of {@code other} is in this set. */
  public boolean contains(RangeSet other) {
    int i = 0;
    for (int j = 0; j < other.bounds.length; j += 2) {
      long begin = other.bounds[j];
      long end = other.bounds[j + 1];
      while (i < bounds.length && bounds[i + 1] < begin) {
        i += 2;
      }
      // touching ranges are merged, so a contained range lies inside a single range of ours
      if (i >= bounds.length || bounds[i] > begin || bounds[i + 1] < end) {
        return false;
      }
    }
    return true;
  }

  /** The union of this set and {@code other}. */
  public RangeSet plus(RangeSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Coalescer out = new Coalescer(bounds.length / 2 + other.bounds.length / 2);
    int i = 0;
    int j = 0;
    while (i < bounds.length || j < other.bounds.length) {
      boolean takeOurs =
          j >= other.bounds.length || (i < bounds.length && bounds[i] <= other.bounds[j]);
      if (takeOurs) {
        out.add(bounds[i], bounds[i + 1]);
        i += 2;
      } else {
        out.add(other.bounds[j], other.bounds[j + 1]);
        j += 2;
      }
    }
    return out.toRangeSet();
  }

  /** The values of this set that are not in {@code other}. */
  public RangeSet minus(RangeSet other) {
    if (isEmpty() || other.isEmpty()) {
      return this;
    }
    Coalescer out = new Coalescer(bounds.length / 2 + other.bounds.length / 2);
    int j = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      long begin = bounds[i];
      long end = bounds[i + 1];
      while (j < other.bounds.length && other.bounds[j + 1] < begin) {
        j += 2;
      }
      boolean consumed = false;
      // a removed range may reach into our next range, so scan with k and keep j where it is
      for (int k = j; k < other.bounds.length && other.bounds[k] <= end; k += 2) {
        if (other.bounds[k] > begin) {
          out.add(begin, other.bounds[k] - 1);
        }
        if (other.bounds[k + 1] >= end) {
          consumed = true;
          break;
        }
        begin = Math.max(begin, other.bounds[k + 1] + 1);
      }
      if (!consumed) {
        out.add(begin, end);
      }
    }
    return out.toRangeSet();
  }

  /**
   * The {@code n} lowest values of this set, as when assigning ports to a task.
   *
   * @throws IllegalArgumentException when the set holds fewer than {@code n} values
   */
  public RangeSet take(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot take " + n + " values");
    }
    if (size() < n) {
      throw new IllegalArgumentException(
          "wanted " + n + " values, only " + size() + " available in " + this);
    }
    Coalescer out = new Coalescer(bounds.length / 2);
    long wanted = n;
    for (int i = 0; i < bounds.length && wanted > 0; i += 2) {
      long count = Math.min(wanted, bounds[i + 1] - bounds[i] + 1);
      out.add(bounds[i], bounds[i] + count - 1);
      wanted -= count;
    }
    return out.toRangeSet();
  }

  /** Every value of the set, ascending. */
  public LongStream values() {
    return IntStream.range(0, bounds.length / 2)
        .mapToObj(i -> LongStream.rangeClosed(bounds[2 * i], bounds[2 * i + 1]))
        .flatMapToLong(range -> range);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeSet other && Arrays.equals(bounds, other.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }

  /** The canonical Mesos text, {@code [31000-32000,33000-33001]}; {@code []} when empty. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < bounds.length; i += 2) {
      if (i > 0) {
        text.append(',');
      }
      text.append(bounds[i]).append('-').append(bounds[i + 1]);
    }
    return text.append(']').toString();
  }

  /** Collects ranges given in order of their begin, merging those that overlap or touch. */
  private static final class Coalescer {

    private long[] bounds;
    private int length;

    Coalescer(int expectedRanges) {
      bounds = new long[Math.max(2, 2 * expectedRanges)];
    }

    void add(long begin, long end) {
      if (length > 0) {
        long lastEnd = bounds[length - 1];
        if (lastEnd == Long.MAX_VALUE || begin <= lastEnd + 1) {
          bounds[length - 1] = Math.max(lastEnd, end);
          return;
        }
      }
      if (length == bounds.length) {
        bounds = Arrays.copyOf(bounds, 2 * bounds.length);
      }
      bounds[length++] = begin;
      bounds[length++] = end;
    }

    RangeSet toRangeSet() {
      return length == 0 ? EMPTY : new RangeSet(Arrays.copyOf(bounds, length));
    }
  }
}
