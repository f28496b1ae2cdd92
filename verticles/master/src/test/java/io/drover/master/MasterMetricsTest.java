package io.drover.master;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterMetricsTest {

  @Test
  void countsEachMessageUnderItsMesosName() {
    MasterMetrics metrics = new MasterMetrics();
    metrics.increment(MasterMetrics.STATUS_UPDATE);
    metrics.increment(MasterMetrics.STATUS_UPDATE);
    metrics.increment(MasterMetrics.KILL_TASK);

    assertThat(metrics.snapshot())
      .containsEntry("master/messages_status_update", 2L)
      .containsEntry("master/messages_kill_task", 1L)
      .containsEntry("master/messages_launch_tasks", 0L)
      .containsEntry("master/dropped_messages", 0L);
  }

  @Test
  void refusesANameItDoesNotKeep() {
    assertThatThrownBy(() -> new MasterMetrics().increment("master/made_up"))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
