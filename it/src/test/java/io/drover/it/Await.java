package io.drover.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for conditions by polling, with a timeout; never a fixed sleep. */
final class Await {

  private static final long POLL_MS = 100;
  /** For benchmarks, where the poll's period would be part of what is measured. */
  private static final long CLOSE_POLL_MS = 10;

  private Await() {
  }

  static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, POLL_MS, condition);
  }

  /** As {@link #until}, looking every 10 ms. */
  static void closely(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, CLOSE_POLL_MS, condition);
  }

  private static void until(String what, Duration timeout, long pollMs, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AssertionError last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (AssertionError e) {
        throw e;
      } catch (RuntimeException e) {
        last = new AssertionError(e.toString(), e);
      }
      pause(pollMs);
    }
    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what, last);
  }

  /** Polls {@code value} until it is non-null, and returns it. */
  static <T> T value(String what, Duration timeout, Supplier<T> value) {
    Object[] found = new Object[1];
    until(what, timeout, () -> (found[0] = value.get()) != null);
    @SuppressWarnings("unchecked")
    T result = (T) found[0];
    return result;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
