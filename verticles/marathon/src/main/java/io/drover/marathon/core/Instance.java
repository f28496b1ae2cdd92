package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.protocol.CheckStatus;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One task of an app as the scheduler tracks it. {@code configVersion} is the app's
 * {@code lastConfigChangeAt} when the task was launched: a task whose config version differs from
 * the app's is replaced by a rolling upgrade, while a scale leaves it alone.
 */
public final class Instance {

  final String taskId;
  final PathId appId;
  /** The role its resources were allocated to, which stays its own when its app's role changes. */
  final String role;
  final String version;
  final String configVersion;
  final String agentId;
  final String host;
  final Attributes attributes;
  /** Its host ports; a pod instance's, container by container. */
  List<Integer> ports;
  final List<Integer> servicePorts;
  final long stagedAtMs;
  TaskState state = TaskState.TASK_STAGING;
  Long startedAtMs;
  Boolean healthy;
  /** Marathon's {@code Health} of the task for each of its app's health checks, by the check's index. */
  final Map<Integer, CheckHealth> healths = new TreeMap<>();
  Long unreachableSinceMs;
  boolean killRequested;
  /** Passed the app's readiness check (apps without one never ask). */
  boolean ready;
  boolean readinessInFlight;
  long lastReadinessCheckMs;
  JsonObject readinessResult;
  String lastMessage = "";
  /** Its container's own addresses on a USER network, from its RUNNING update; else empty. */
  List<String> containerIps = List.of();
  /** What its app's Mesos check found last; null before that or without a check. */
  CheckStatus checkStatus;
  /**
   * A pod instance's tasks, one per container, by task id (the instance's state combines theirs);
   * empty for an app's task, whose id is the instance's.
   */
  final Map<String, ContainerTask> containers = new LinkedHashMap<>();

  /** The task of one container of a pod instance. */
  public static final class ContainerTask {
    final String taskId;
    final String container;
    final List<Integer> ports;
    TaskState state = TaskState.TASK_STAGING;
    long sinceMs;

    ContainerTask(String taskId, String container, List<Integer> ports, long sinceMs) {
      this.taskId = taskId;
      this.container = container;
      this.ports = List.copyOf(ports);
      this.sinceMs = sinceMs;
    }

    public String taskId() {
      return taskId;
    }

    public String container() {
      return container;
    }

    public List<Integer> ports() {
      return ports;
    }

    public TaskState state() {
      return state;
    }

    /** When its state last changed. */
    public long sinceMs() {
      return sinceMs;
    }
  }

  Instance(String taskId, PathId appId, String role, String version, String configVersion, String agentId, String host,
           Attributes attributes, List<Integer> ports, List<Integer> servicePorts, long stagedAtMs) {
    this.taskId = taskId;
    this.appId = appId;
    this.role = role;
    this.version = version;
    this.configVersion = configVersion;
    this.agentId = agentId;
    this.host = host;
    this.attributes = attributes;
    this.ports = List.copyOf(ports);
    this.servicePorts = List.copyOf(servicePorts);
    this.stagedAtMs = stagedAtMs;
  }

  /** The task's id; a pod instance's own id. */
  public String taskId() {
    return taskId;
  }

  /** Whether it is an instance of a pod, with a task per container. */
  public boolean isPod() {
    return !containers.isEmpty();
  }

  /** A pod instance's container tasks, in the pod's order of containers; empty for an app's task. */
  public Collection<ContainerTask> containerTasks() {
    return containers.values();
  }

  /** The Mesos tasks it runs: its own, or a pod instance's container tasks. */
  List<String> mesosTaskIds() {
    return isPod() ? List.copyOf(containers.keySet()) : List.of(taskId);
  }

  /** The host ports of one of its Mesos tasks: a pod container's own, or the app task's. */
  List<Integer> portsOf(String mesosTaskId) {
    ContainerTask container = containers.get(mesosTaskId);
    return container == null ? ports : container.ports;
  }

  /**
   * The task a kill goes to: its own, or a pod instance's first container task still running (the
   * agent's DEFAULT executor then ends the whole group).
   */
  String killTarget() {
    return containers.values().stream().filter(c -> !c.state.isTerminal()).map(c -> c.taskId).findFirst()
      .orElse(isPod() ? containers.keySet().iterator().next() : taskId);
  }

  /** Adds a pod instance's container task. */
  void addContainer(String containerTaskId, String container, List<Integer> containerPorts, long nowMs) {
    containers.put(containerTaskId, new ContainerTask(containerTaskId, container, containerPorts, nowMs));
  }

  public PathId appId() {
    return appId;
  }

  public String role() {
    return role;
  }

  public TaskState state() {
    return state;
  }

  public String agentId() {
    return agentId;
  }

  public String host() {
    return host;
  }

  public List<Integer> ports() {
    return ports;
  }

  /** What its app's Mesos check found last; null before that or without a check. */
  public CheckStatus checkStatus() {
    return checkStatus;
  }

  /** Its container's own addresses on a USER network; empty for a task on its agent's network. */
  public List<String> containerIps() {
    return containerIps;
  }

  public List<Integer> servicePorts() {
    return servicePorts;
  }

  /** The app version it was launched with. */
  public String version() {
    return version;
  }

  public long stagedAtMs() {
    return stagedAtMs;
  }

  /** When it reached RUNNING, null before. */
  public Long startedAtMs() {
    return startedAtMs;
  }

  /** Its health checks' verdict, null when it has none or none answered yet. */
  public Boolean healthy() {
    return healthy;
  }

  /** Its health checks' results, in the app's order of checks; those that found nothing yet are left out. */
  public List<CheckHealth> healthResults() {
    return healths.values().stream().filter(h -> h.alive() != null).toList();
  }

  /** The record of the app's check {@code index} for this task. */
  CheckHealth health(int index) {
    return healths.computeIfAbsent(index, i -> new CheckHealth());
  }

  /**
   * Sets the task's verdict from its checks' results, as Marathon counts it: unhealthy when one
   * failed, healthy when all {@code checks} passed, undecided while some found nothing yet.
   *
   * @return whether the verdict changed
   */
  boolean judgeHealth(int checks) {
    Boolean before = healthy;
    List<CheckHealth> results = healthResults();
    if (results.stream().anyMatch(h -> Boolean.FALSE.equals(h.alive()))) {
      healthy = false;
    } else if (checks > 0 && results.size() == checks) {
      healthy = true;
    } else {
      healthy = null;
    }
    return !java.util.Objects.equals(before, healthy);
  }

  public String configVersion() {
    return configVersion;
  }

  public boolean isRunning() {
    return state == TaskState.TASK_RUNNING;
  }

  /** Running and, when the app has health checks, passing them. */
  boolean isHealthy(AppDefinition app) {
    return isRunning() && (app.healthChecks().isEmpty() || Boolean.TRUE.equals(healthy));
  }

  /** Healthy, and past the readiness check when the app has one (only new tasks are asked). */
  boolean isReady(AppDefinition app) {
    return isHealthy(app) && (app.readinessChecks().isEmpty() || ready);
  }

  void update(TaskStatus status, long nowMs) {
    TaskState reported = status.getState();
    ContainerTask container = containers.get(status.getTaskId());
    if (container != null) {
      if (container.state != reported) {
        container.state = reported;
        container.sinceMs = nowMs;
      }
      reported = combined(containers.values().stream().map(c -> c.state).toList());
    }
    state = reported;
    if (state == TaskState.TASK_KILLING) {
      // asked to die, perhaps by an earlier leader: it must not count as a task that stays
      killRequested = true;
    }
    lastMessage = status.getMessage() == null ? "" : status.getMessage();
    if (!status.getContainerIps().isEmpty()) {
      containerIps = status.getContainerIps();
    }
    if (status.getCheckStatus() != null) {
      checkStatus = status.getCheckStatus();
    }
    if (state == TaskState.TASK_RUNNING && startedAtMs == null) {
      startedAtMs = nowMs;
    }
    unreachableSinceMs = state == TaskState.TASK_UNREACHABLE
      ? (unreachableSinceMs == null ? nowMs : unreachableSinceMs) : null;
  }

  /**
   * A pod instance's state from its containers' tasks: a task that failed or was killed ends the
   * instance (the agent ends the rest of the group with it), all finished is finished; otherwise
   * the least advanced, an unreachable or unknown task first.
   */
  static TaskState combined(Collection<TaskState> states) {
    for (TaskState state : states) {
      if (state.isTerminal() && state != TaskState.TASK_FINISHED) {
        return state;
      }
    }
    if (states.stream().allMatch(s -> s == TaskState.TASK_FINISHED)) {
      return TaskState.TASK_FINISHED;
    }
    for (TaskState state : List.of(TaskState.TASK_UNREACHABLE, TaskState.TASK_UNKNOWN, TaskState.TASK_KILLING,
      TaskState.TASK_STAGING, TaskState.TASK_STARTING)) {
      if (states.contains(state)) {
        return state;
      }
    }
    return TaskState.TASK_RUNNING;
  }

  /** Marathon's name of an instance's condition in a task state, as its events and instances show it. */
  public static String condition(TaskState state) {
    return switch (state) {
      case TASK_STAGING -> "Staging";
      case TASK_STARTING -> "Starting";
      case TASK_RUNNING -> "Running";
      case TASK_KILLING -> "Killing";
      case TASK_FINISHED -> "Finished";
      case TASK_FAILED -> "Failed";
      case TASK_KILLED -> "Killed";
      case TASK_ERROR -> "Error";
      case TASK_LOST -> "Lost";
      case TASK_DROPPED -> "Dropped";
      case TASK_UNREACHABLE -> "Unreachable";
      case TASK_GONE -> "Gone";
      case TASK_GONE_BY_OPERATOR -> "GoneByOperator";
      case TASK_UNKNOWN -> "Unknown";
    };
  }

  /** The verdict of its app's check {@code index} on it; null before the check found anything. */
  public Boolean alive(int index) {
    CheckHealth health = healths.get(index);
    return health == null ? null : health.alive();
  }
}
