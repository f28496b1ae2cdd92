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
  void aTimerShowsItsLastReadingAndHowManyThereWere() {
    MasterMetrics metrics = new MasterMetrics();
    assertThat(metrics.snapshot()).doesNotContainKey("registrar/state_store_ms");

    metrics.time(MasterMetrics.STATE_STORE_MS, 4.0);
    metrics.time(MasterMetrics.STATE_STORE_MS, 2.5);

    assertThat(metrics.snapshot())
      .containsEntry("registrar/state_store_ms", 2.5)
      .containsEntry("registrar/state_store_ms/count", 2L);
  }

  @Test
  void refusesANameItDoesNotKeep() {
    assertThatThrownBy(() -> new MasterMetrics().increment("master/made_up"))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MasterMetrics().time("master/made_up_ms", 1))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
