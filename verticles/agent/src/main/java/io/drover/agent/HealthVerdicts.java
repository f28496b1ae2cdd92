package io.drover.agent;

import io.drover.protocol.HealthCheck;

import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Turns a health check's results into verdicts, as Mesos counts them: healthy after a success,
 * unhealthy after {@code consecutiveFailures} failures in a row, where failures within the grace
 * period count only once the task has been healthy. Only changes of verdict are told.
 */
final class HealthVerdicts {

  private final HealthCheck check;
  private final LongSupplier clock;
  private final long startedMs;
  private final BiConsumer<Boolean, String> verdicts;
  private int failures;
  private Boolean healthy;

  HealthVerdicts(HealthCheck check, LongSupplier clock, BiConsumer<Boolean, String> verdicts) {
    this.check = check;
    this.clock = clock;
    this.startedMs = clock.getAsLong();
    this.verdicts = verdicts;
  }

  /** Decides on one result; {@code failure} is null for a success. */
  void judge(String failure) {
    if (failure == null) {
      failures = 0;
      if (!Boolean.TRUE.equals(healthy)) {
        healthy = true;
        verdicts.accept(true, check.getType() + " health check passed");
      }
      return;
    }
    boolean inGrace = healthy == null
      && clock.getAsLong() - startedMs < (long) (check.getGracePeriodSeconds() * 1000);
    if (inGrace) {
      return;
    }
    failures++;
    if (failures >= check.getConsecutiveFailures() && !Boolean.FALSE.equals(healthy)) {
      healthy = false;
      verdicts.accept(false, check.getType() + " health check failed " + failures + " times in a row: " + failure);
    }
  }
}
