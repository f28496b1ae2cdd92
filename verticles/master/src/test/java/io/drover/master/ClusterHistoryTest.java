package io.drover.master;

import io.drover.master.state.MasterState;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterHistoryTest {

  final MasterState state = new MasterState();
  final ClusterHistory history = new ClusterHistory();

  @Test
  void aSampleAddsUpAgentsTasksAndOffersAndCountsLaunchesAndOffersSinceTheLastOne() {
    state.agents.register(new AgentInfo("a-1", "127.0.0.1", 5051, "node-1",
      Resources.parse("cpus:4;mem:1024;disk:2000"), Attributes.EMPTY), 0, true);
    launch("web.1", "cpus:1;mem:128", TaskState.TASK_RUNNING);
    launch("web.2", "cpus:0.5;mem:64", TaskState.TASK_STAGING);
    launch("batch.1", "cpus:0.5;mem:64", TaskState.TASK_FINISHED);
    state.offers.add(new Offer("o-1", "fw-1", "*", "a-1", "127.0.0.1", Resources.parse("cpus:2;mem:768"), Attributes.EMPTY), 0);
    history.launched();
    history.launched();
    history.offered();

    JsonObject sample = history.sample(state, 10_000);
    // used: 1 + 0.5 cpus, 128 + 64 mem (the finished task no longer counts); offered: 2 cpus, 768 mem
    assertThat(sample.getDouble("t")).isEqualTo(10.0);
    assertThat(sample.getDouble("cpus_total")).isEqualTo(4.0);
    assertThat(sample.getDouble("cpus_used")).isEqualTo(1.5);
    assertThat(sample.getDouble("cpus_offered")).isEqualTo(2.0);
    assertThat(sample.getDouble("mem_used")).isEqualTo(192.0);
    assertThat(sample.getDouble("mem_offered")).isEqualTo(768.0);
    assertThat(sample.getJsonObject("tasks").getMap()).containsOnly(
      Map.entry("TASK_RUNNING", 1L), Map.entry("TASK_STAGING", 1L));
    assertThat(sample.getLong("launched")).isEqualTo(2);
    assertThat(sample.getLong("offers")).isEqualTo(1);

    JsonObject next = history.sample(state, 15_000);
    assertThat(next.getLong("launched")).as("counted since the sample before").isZero();
    assertThat(next.getLong("offers")).isZero();
  }

  @Test
  void itKeepsOneHourAndANewTermStartsEmpty() {
    for (int i = 0; i < ClusterHistory.SAMPLES_KEPT + 10; i++) {
      history.sample(state, i * ClusterHistory.SAMPLE_MS);
    }
    var samples = history.toJson().getJsonArray("samples");
    assertThat(samples).hasSize(ClusterHistory.SAMPLES_KEPT);
    assertThat(samples.getJsonObject(0).getDouble("t")).isEqualTo(10 * ClusterHistory.SAMPLE_MS / 1000.0);
    assertThat(history.toJson().getLong("interval_ms")).isEqualTo(ClusterHistory.SAMPLE_MS);

    history.clear();
    assertThat(history.toJson().getJsonArray("samples")).isEmpty();
  }

  private void launch(String taskId, String resources, TaskState reached) {
    TaskInfo task = TaskInfo.command(taskId, "a-1", Resources.parse(resources), "sleep 100").withFrameworkId("fw-1");
    state.tasks.launch(task, TaskStatus.fromMaster(taskId, "fw-1", "a-1", TaskState.TASK_STAGING, null, null));
    if (reached != TaskState.TASK_STAGING) {
      state.tasks.apply(TaskStatus.fromAgent(task, reached, null, null));
    }
  }
}
