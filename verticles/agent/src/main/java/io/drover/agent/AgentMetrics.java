package io.drover.agent;

import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * {@code /metrics/snapshot} of an agent with Mesos 1.11's {@code slave/*} names, as
 * mesos_exporter and DC/OS tools read them. Mesos writes every value as a double; so does this.
 *
 * <p>Mesos has one agent per port; a Drover process may host several behind one port. Asked for one
 * ({@code ?agent_id=}) it shows that one; otherwise it shows the process as one agent, which is what
 * a tool that scrapes the port measures: counts, gauges and resources summed, {@code registered}
 * 1 only while every hosted agent is registered (an alert on 0 must fire when any is not), and
 * {@code frameworks_active} the frameworks with a task on any of them, each once.
 */
final class AgentMetrics {

  /** The resources Mesos reports total, used and percent of; Drover offers no revocable ones. */
  private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");
  /** The task states whose ends Mesos's agent counts (TASK_ERROR added: mesos_exporter reads it). */
  private static final List<TaskState> ENDS = List.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
    TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR,
    TaskState.TASK_ERROR);
  private static final List<TaskState> ACTIVE = List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING,
    TaskState.TASK_RUNNING, TaskState.TASK_KILLING);

  private AgentMetrics() {
  }

  static JsonObject of(NodeView node, List<AgentView> agents, long nowMs) {
    JsonObject m = new JsonObject();
    m.put("slave/uptime_secs", (nowMs - node.startedMs()) / 1000.0);
    boolean registered = !agents.isEmpty() && agents.stream().allMatch(a -> registered(a, node.leaderEpoch()));
    m.put("slave/registered", registered ? 1.0 : 0.0);
    List<AgentView.TaskView> live = agents.stream().flatMap(a -> a.tasks().stream())
      .filter(t -> !t.state().isTerminal()).toList();
    m.put("slave/frameworks_active", (double) live.stream().map(t -> t.info().getFrameworkId()).distinct().count());
    for (TaskState state : ACTIVE) {
      m.put("slave/" + name(state), (double) live.stream().filter(t -> t.state() == state).count());
    }
    AgentCounters.Totals counted = agents.stream().map(AgentView::counters)
      .reduce(AgentCounters.Totals.NONE, AgentCounters.Totals::plus);
    for (TaskState state : ENDS) {
      m.put("slave/" + name(state), (double) counted.ended(state));
    }
    // a command task's executor is its own, as with Mesos's command executor: it registers while
    // the task's URIs are fetched, terminates while the task is killed
    m.put("slave/executors_registering", (double) live.stream().filter(t -> !t.executing()).count());
    m.put("slave/executors_running", (double) live.stream()
      .filter(t -> t.executing() && t.state() != TaskState.TASK_KILLING).count());
    m.put("slave/executors_terminating", (double) live.stream()
      .filter(t -> t.executing() && t.state() == TaskState.TASK_KILLING).count());
    m.put("slave/executors_terminated", (double) counted.executorsTerminated());
    m.put("slave/valid_status_updates", (double) counted.validStatusUpdates());
    m.put("slave/invalid_status_updates", (double) counted.invalidStatusUpdates());
    m.put("slave/container_launch_errors", (double) counted.containerLaunchErrors());
    Resources total = agents.stream().map(a -> a.info().resources()).reduce(Resources.EMPTY, Resources::plus);
    Resources used = agents.stream().map(AgentView::used).reduce(Resources.EMPTY, Resources::plus);
    for (String resource : RESOURCES) {
      double t = total.scalar(resource);
      double u = used.scalar(resource);
      m.put("slave/" + resource + "_total", t);
      m.put("slave/" + resource + "_used", u);
      m.put("slave/" + resource + "_percent", t == 0 ? 0.0 : u / t);
      m.put("slave/" + resource + "_revocable_total", 0.0);
      m.put("slave/" + resource + "_revocable_used", 0.0);
      m.put("slave/" + resource + "_revocable_percent", 0.0);
    }
    return m;
  }

  /** Registered with the newest leader the process has seen, not only with an older one. */
  private static boolean registered(AgentView agent, long leaderEpoch) {
    return agent.registeredEpoch() > 0 && agent.registeredEpoch() >= leaderEpoch;
  }

  private static String name(TaskState state) {
    return "tasks_" + state.name().substring("TASK_".length()).toLowerCase(Locale.ROOT);
  }
}
