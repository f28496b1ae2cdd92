package io.drover.marathon.core;

import io.drover.protocol.LaunchTrace;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

/**
 * App and deployment versions: instants in Marathon's millisecond form, each later than every
 * earlier one, however fast changes come. A change takes at most one; its deployment is stamped
 * with the same.
 */
final class Versions {

  private final LongSupplier clock;
  private Instant last = Instant.EPOCH;
  /** The version the change now running took, if it took one. */
  private Instant ofChange;

  Versions(LongSupplier clock) {
    this.clock = clock;
  }

  /** A new change begins: it has taken no version yet. */
  void newChange() {
    ofChange = null;
  }

  /** A fresh version, which the running change takes. */
  Instant next() {
    Instant now = Instant.ofEpochMilli(clock.getAsLong()).truncatedTo(ChronoUnit.MILLIS);
    last = now.isAfter(last) ? now : last.plusMillis(1);
    ofChange = last;
    return last;
  }

  /** A version's instant in microseconds since the epoch (for launch traces), or 0 when it is none. */
  static long epochMicros(String version) {
    try {
      return LaunchTrace.micros(Instant.parse(version));
    } catch (RuntimeException none) {
      return 0;
    }
  }

  /** The version the running change stamped its apps with, or a fresh one (a delete stamps none). */
  Instant ofChange() {
    return ofChange != null ? ofChange : next();
  }
}
