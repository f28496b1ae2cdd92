package io.drover.agent;

import io.drover.protocol.AgentInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.drover.protocol.TaskState.TASK_FAILED;
import static io.drover.protocol.TaskState.TASK_FINISHED;
import static io.drover.protocol.TaskState.TASK_KILLED;
import static io.drover.protocol.TaskState.TASK_KILLING;
import static io.drover.protocol.TaskState.TASK_RUNNING;
import static io.drover.protocol.TaskState.TASK_STAGING;
import static io.drover.protocol.TaskState.TASK_STARTING;
import static org.assertj.core.api.Assertions.assertThat;

class AgentMetricsTest {

  private static final long STARTED = 1_000_000;

  private static AgentView.TaskView task(String id, String framework, String resources, TaskState state,
                                         boolean executing) {
    return new AgentView.TaskView(TaskInfo.command(id, "a", Resources.parse(resources), "sleep 1").withFrameworkId(framework),
      state, Path.of("/tmp"), executing);
  }

  private static AgentView agent(String id, String resources, long registeredEpoch, AgentCounters counters,
                                 AgentView.TaskView... tasks) {
    Resources used = List.of(tasks).stream().filter(t -> !t.state().isTerminal()).map(t -> t.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    return new AgentView(new AgentInfo(id, "host", 5051, "node", Resources.parse(resources), Attributes.EMPTY), used,
      registeredEpoch, 0, Path.of("/tmp"), List.of(tasks), List.of(), counters.totals());
  }

  private static JsonObject metrics(long leaderEpoch, AgentView... agents) {
    NodeView node = new NodeView("node", STARTED, leaderEpoch, Optional.empty(), true, "", false, "", List.of(agents));
    return AgentMetrics.of(node, List.of(agents), STARTED + 90_500);
  }

  @Test
  void countersCountEachEndOnceAndLaunchFailuresAsContainerLaunchErrors() {
    AgentCounters counters = new AgentCounters();
    // t1 runs and finishes
    counters.updated(TASK_STAGING, TASK_STARTING, false);
    counters.updated(TASK_STARTING, TASK_RUNNING, true);
    counters.updated(TASK_RUNNING, TASK_FINISHED, true);
    // t2's fetch fails: no executor ever had it
    counters.updated(TASK_STAGING, TASK_STARTING, false);
    counters.updated(TASK_STARTING, TASK_FAILED, false);
    // t3 is killed before it starts: not a launch error
    counters.updated(TASK_STAGING, TASK_KILLED, false);
    // an executor reports t1 again after its end
    counters.invalid();

    AgentCounters.Totals totals = counters.totals();
    assertThat(totals.ended(TASK_FINISHED)).isEqualTo(1);
    assertThat(totals.ended(TASK_FAILED)).isEqualTo(1);
    assertThat(totals.ended(TASK_KILLED)).isEqualTo(1);
    assertThat(totals.validStatusUpdates()).isEqualTo(6);
    assertThat(totals.invalidStatusUpdates()).isEqualTo(1);
    assertThat(totals.executorsTerminated()).isEqualTo(1);
    assertThat(totals.containerLaunchErrors()).isEqualTo(1);
  }

  @Test
  void oneAgentShowsItsGaugesCountersAndResources() {
    AgentCounters counters = new AgentCounters();
    counters.updated(TASK_RUNNING, TASK_FINISHED, true);
    counters.updated(TASK_RUNNING, TASK_FINISHED, true);
    JsonObject m = metrics(3, agent("a1", "cpus:4;mem:1000;disk:2000", 3, counters,
      task("run", "f1", "cpus:1;mem:250", TASK_RUNNING, true),
      task("kill", "f2", "cpus:1;mem:250", TASK_KILLING, true),
      task("fetch", "f1", "cpus:0.5", TASK_STARTING, false),
      task("done", "f1", "cpus:1", TASK_FINISHED, true)));

    assertThat(m.getDouble("slave/uptime_secs")).isEqualTo(90.5);
    assertThat(m.getDouble("slave/registered")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/tasks_running")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/tasks_killing")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/tasks_starting")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/tasks_staging")).isEqualTo(0.0);
    assertThat(m.getDouble("slave/tasks_finished")).isEqualTo(2.0);
    assertThat(m.getDouble("slave/tasks_gone")).isEqualTo(0.0);
    assertThat(m.getDouble("slave/frameworks_active")).isEqualTo(2.0);
    assertThat(m.getDouble("slave/executors_registering")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/executors_running")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/executors_terminating")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/executors_terminated")).isEqualTo(2.0);
    // cpus: 1 + 1 + 0.5 of 4
    assertThat(m.getDouble("slave/cpus_used")).isEqualTo(2.5);
    assertThat(m.getDouble("slave/cpus_total")).isEqualTo(4.0);
    assertThat(m.getDouble("slave/cpus_percent")).isEqualTo(0.625);
    assertThat(m.getDouble("slave/mem_percent")).isEqualTo(0.5);
    assertThat(m.getDouble("slave/gpus_total")).isEqualTo(0.0);
    assertThat(m.getDouble("slave/gpus_percent")).isEqualTo(0.0);
    assertThat(m.getDouble("slave/cpus_revocable_total")).isEqualTo(0.0);
    assertThat(m.fieldNames()).allMatch(name -> m.getValue(name) instanceof Double)
      .doesNotContain("slave/valid_framework_messages", "containerizer/mesos/container_destroy_errors");
  }

  @Test
  void aProcessOfSeveralAgentsIsOneAgentToItsPort() {
    AgentCounters first = new AgentCounters();
    first.updated(TASK_RUNNING, TASK_FAILED, true);
    AgentCounters second = new AgentCounters();
    second.updated(TASK_RUNNING, TASK_FAILED, true);
    second.invalid();
    AgentView a1 = agent("a1", "cpus:2;mem:100", 4, first, task("t1", "f1", "cpus:1", TASK_RUNNING, true));
    AgentView a2 = agent("a2", "cpus:2;mem:100", 4, second, task("t2", "f1", "cpus:1", TASK_RUNNING, true));

    JsonObject m = metrics(4, a1, a2);

    assertThat(m.getDouble("slave/tasks_running")).isEqualTo(2.0);
    assertThat(m.getDouble("slave/tasks_failed")).isEqualTo(2.0);
    assertThat(m.getDouble("slave/invalid_status_updates")).isEqualTo(1.0);
    assertThat(m.getDouble("slave/cpus_total")).isEqualTo(4.0);
    assertThat(m.getDouble("slave/cpus_percent")).isEqualTo(0.5);
    assertThat(m.getDouble("slave/frameworks_active")).as("one framework on both").isEqualTo(1.0);
    assertThat(m.getDouble("slave/registered")).isEqualTo(1.0);
  }

  @Test
  void registeredMeansWithTheNewestLeaderAndEveryHostedAgent() {
    AgentView current = agent("a1", "cpus:1", 5, new AgentCounters());
    AgentView behind = agent("a2", "cpus:1", 4, new AgentCounters());
    AgentView never = agent("a3", "cpus:1", 0, new AgentCounters());

    assertThat(metrics(5, current).getDouble("slave/registered")).isEqualTo(1.0);
    assertThat(metrics(5, behind).getDouble("slave/registered")).isEqualTo(0.0);
    assertThat(metrics(0, never).getDouble("slave/registered")).isEqualTo(0.0);
    assertThat(metrics(5, current, behind).getDouble("slave/registered")).isEqualTo(0.0);
  }
}
