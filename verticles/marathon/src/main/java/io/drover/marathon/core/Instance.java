package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
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
    }
  }

  /** Marathon's task JSON (GET /v2/tasks, /v2/apps/{id}/tasks). */
  public JsonObject toJson(boolean withHealth) {
    JsonObject json = new JsonObject()
      .put("id", taskId)
      .put("appId", appId.toString())
      .put("host", host)
      .put("ports", new JsonArray(ports))
      .put("servicePorts", new JsonArray(servicePorts))
      .put("slaveId", agentId)
      .put("agentId", agentId)
      .put("state", state.name())
      .put("stagedAt", Instant.ofEpochMilli(stagedAtMs).toString())
      .put("startedAt", startedAtMs == null ? null : Instant.ofEpochMilli(startedAtMs).toString())
      .put("version", version)
      .put("role", "*")
      .put("localVolumes", new JsonArray())
      .put("ipAddresses", new JsonArray().add(new JsonObject().put("ipAddress", host).put("protocol", "IPv4")));
    if (withHealth && healthy != null) {
      json.put("healthCheckResults", new JsonArray().add(new JsonObject()
        .put("alive", healthy)
        .put("consecutiveFailures", healthy ? 0 : 1)
        .put("firstSuccess", null)
        .put("lastFailure", null)
        .put("lastFailureCause", healthy ? null : healthMessage)
        .put("instanceId", taskId)));
    }
    return json;
  }
}
