package io.drover.agent;

import io.drover.protocol.HealthCheck;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Health verdicts as Mesos counts them: grace, consecutive failures, only changes told. */
class HealthVerdictsTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final List<Boolean> told = new ArrayList<>();
  private final HealthVerdicts verdicts = new HealthVerdicts(
    HealthCheck.of(HealthCheck.Type.TCP, null, 0, "/").withTiming(0, 1, 1, 10, 2), now::get,
    (healthy, why) -> told.add(healthy));

  @Test
  void failuresInTheGracePeriodDoNotCountUntilTheTaskWasHealthy() {
    verdicts.judge("refused");
    verdicts.judge("refused");
    assertThat(told).isEmpty();
    now.addAndGet(10_000);
    verdicts.judge("refused");
    verdicts.judge("refused");
    assertThat(told).containsExactly(false);
  }

  @Test
  void aPassIsToldOnceAndEnoughFailuresInARowMakeItUnhealthy() {
    verdicts.judge(null);
    verdicts.judge(null);
    verdicts.judge("refused");
    verdicts.judge(null);
    verdicts.judge("refused");
    verdicts.judge("refused");
    verdicts.judge("refused");
    assertThat(told).containsExactly(true, false);
  }
}
