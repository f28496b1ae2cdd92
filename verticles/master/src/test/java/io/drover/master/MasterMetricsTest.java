package io.drover.master;

import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

  @Test
  void theSameMetersAreMesossSnapshotAndPrometheusText() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MasterMetrics metrics = new MasterMetrics(registry);
    metrics.add(MasterMetrics.OFFERS_SENT, 3);
    metrics.time(MasterMetrics.ALLOCATION_RUN_MS, 1.5);
    metrics.transition(TaskStatus.fromMaster("t", "f", "a", TaskState.TASK_LOST, TaskReason.REASON_AGENT_REMOVED, "gone"));

    assertThat(metrics.snapshot())
      .containsEntry("master/offers_sent", 3L)
      .containsEntry("allocator/allocation_run_ms", 1.5)
      .containsEntry("master/task_lost/source_master/reason_agent_removed", 1L);
    assertThat(registry.scrape())
      .contains("mesos_master_offers_sent_total 3.0")
      .contains("mesos_allocator_allocation_run_seconds_count 1")
      .contains("mesos_master_task_transitions_total{reason=\"agent_removed\",source=\"master\",state=\"lost\"} 1.0");
  }
}
