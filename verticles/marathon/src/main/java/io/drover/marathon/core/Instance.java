package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.vertx.core.json.JsonObject;

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
  final String version;
  final String configVersion;
  final String agentId;
  final String host;
  final Attributes attributes;
  final List<Integer> ports;
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

  Instance(String taskId, PathId appId, String version, String configVersion, String agentId, String host,
           Attributes attributes, List<Integer> ports, List<Integer> servicePorts, long stagedAtMs) {
    this.taskId = taskId;
    this.appId = appId;
    this.version = version;
    this.configVersion = configVersion;
    this.agentId = agentId;
    this.host = host;
    this.attributes = attributes;
    this.ports = List.copyOf(ports);
    this.servicePorts = List.copyOf(servicePorts);
    this.stagedAtMs = stagedAtMs;
  }

  public String taskId() {
    return taskId;
  }

  public PathId appId() {
    return appId;
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
    state = status.getState();
    if (state == TaskState.TASK_KILLING) {
      // asked to die, perhaps by an earlier leader: it must not count as a task that stays
      killRequested = true;
    }
    lastMessage = status.getMessage() == null ? "" : status.getMessage();
    if (!status.getContainerIps().isEmpty()) {
      containerIps = status.getContainerIps();
    }
    if (state == TaskState.TASK_RUNNING && startedAtMs == null) {
      startedAtMs = nowMs;
    }
    unreachableSinceMs = state == TaskState.TASK_UNREACHABLE
      ? (unreachableSinceMs == null ? nowMs : unreachableSinceMs) : null;
  }
}
