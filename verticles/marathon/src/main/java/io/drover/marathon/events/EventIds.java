package io.drover.marathon.events;

/**
 * An event's id names the leadership term that emitted it and its place in that term:
 * {@code epoch × 10^12 + n}, n counting from 1. Epochs only grow, so ids only grow across leaders
 * too, even when a new leader never heard of its predecessor's last events; and the id reads in
 * decimal as the epoch followed by the number ({@code 3000000000017} is the 17th event of epoch 3).
 */
public final class EventIds {

  /** Events one term may number: at a thousand a second, thirty years. */
  static final long PER_TERM = 1_000_000_000_000L;

  private EventIds() {
  }

  public static long of(long epoch, long n) {
    return epoch * PER_TERM + n;
  }

  public static long epoch(long id) {
    return id / PER_TERM;
  }

  public static long n(long id) {
    return id % PER_TERM;
  }

  /**
   * Whether {@code next} comes right after {@code previous}, as far as anyone can tell: the next
   * of the same term, or the first of the next term. Whether {@code previous} was its term's last
   * event cannot be known, so the second case is taken on trust.
   */
  static boolean follows(long previous, long next) {
    return next == previous + 1 || epoch(next) == epoch(previous) + 1 && n(next) == 1;
  }
}
