package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.vertx.core.json.JsonObject;

import java.util.List;

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
  String healthMessage;
  /** Marathon's {@code Health} of the task: when its checks first and last passed and failed. */
  Long firstSuccessMs;
  Long lastSuccessMs;
  Long lastFailureMs;
  int consecutiveFailures;
  Long unreachableSinceMs;
  boolean killRequested;
  /** Passed the app's readiness check (apps without one never ask). */
  boolean ready;
  boolean readinessInFlight;
  long lastReadinessCheckMs;
  JsonObject readinessResult;
  String lastMessage = "";

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

  /** What the last health check said. */
  public String healthMessage() {
    return healthMessage;
  }

  /** When its health check first passed, null before. */
  public Long firstSuccessMs() {
    return firstSuccessMs;
  }

  public Long lastSuccessMs() {
    return lastSuccessMs;
  }

  public Long lastFailureMs() {
    return lastFailureMs;
  }

  /** Failed checks since the last one that passed. */
  public int consecutiveFailures() {
    return consecutiveFailures;
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
    if (state == TaskState.TASK_RUNNING && startedAtMs == null) {
      startedAtMs = nowMs;
    }
    unreachableSinceMs = state == TaskState.TASK_UNREACHABLE
      ? (unreachableSinceMs == null ? nowMs : unreachableSinceMs) : null;
    if (status.getHealthy() != null) {
      healthy = status.getHealthy();
      healthMessage = status.getMessage();
      if (healthy) {
        firstSuccessMs = firstSuccessMs == null ? nowMs : firstSuccessMs;
        lastSuccessMs = nowMs;
        consecutiveFailures = 0;
      } else {
        lastFailureMs = nowMs;
        consecutiveFailures++;
      }
    }
  }
}
