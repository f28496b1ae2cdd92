package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * One status update of a task (Mesos's TaskStatus). Updates an agent sends carry a {@code uuid} and
 * are resent until the framework acknowledges that uuid; updates the master makes up (reconciliation,
 * unreachable agents) carry none and need no acknowledgement.
 */
@DataObject
public class TaskStatus {

  public static final String SOURCE_AGENT = "SOURCE_AGENT";
  public static final String SOURCE_MASTER = "SOURCE_MASTER";
  public static final String SOURCE_EXECUTOR = "SOURCE_EXECUTOR";

  private final String taskId;
  private final String frameworkId;
  private final String agentId;
  private final TaskState state;
  private final TaskReason reason;
  private final String message;
  private final String source;
  private final String uuid;
  private final double timestamp;
  private final Boolean healthy;
  /** On TASK_RUNNING, the launch's hops; carried to the framework, never kept: see {@link LaunchTrace}. */
  private final LaunchTrace trace;
  /** The container's own addresses on a USER network (Mesos's container_status.network_infos); else empty. */
  private final List<String> containerIps;
  /** What the task's check (Mesos's {@code check_status}) found last; null for a task without one. */
  private final CheckStatus checkStatus;

  public TaskStatus(String taskId, String frameworkId, String agentId, TaskState state, TaskReason reason,
                    String message, String source, String uuid, double timestamp, Boolean healthy) {
    this(taskId, frameworkId, agentId, state, reason, message, source, uuid, timestamp, healthy, LaunchTrace.EMPTY,
      List.of(), null);
  }

  private TaskStatus(String taskId, String frameworkId, String agentId, TaskState state, TaskReason reason,
                     String message, String source, String uuid, double timestamp, Boolean healthy, LaunchTrace trace,
                     List<String> containerIps, CheckStatus checkStatus) {
    this.taskId = taskId;
    this.frameworkId = frameworkId;
    this.agentId = agentId;
    this.state = state;
    this.reason = reason;
    this.message = message;
    this.source = source;
    this.uuid = uuid;
    this.timestamp = timestamp;
    this.healthy = healthy;
    this.trace = trace;
    this.containerIps = List.copyOf(containerIps);
    this.checkStatus = checkStatus;
  }

  public TaskStatus(JsonObject json) {
    this(json.getString("task_id"), json.getString("framework_id"), json.getString("agent_id"),
      TaskState.valueOf(json.getString("state")), TaskReason.of(json.getString("reason")), json.getString("message"),
      json.getString("source"), json.getString("uuid"), json.getDouble("timestamp", 0.0), json.getBoolean("healthy"),
      LaunchTrace.fromJson(json.getJsonObject("trace")), Json.strings(json.getJsonArray("container_ips")),
      CheckStatus.fromJson(json.getJsonObject("check_status")));
  }

  /** An update from an agent about one of its tasks: reliable, so it gets a fresh uuid. */
  public static TaskStatus fromAgent(TaskInfo task, TaskState state, TaskReason reason, String message) {
    return new TaskStatus(task.getTaskId(), task.getFrameworkId(), task.getAgentId(), state, reason, message,
      SOURCE_AGENT, UUID.randomUUID().toString(), Json.nowSeconds(), null);
  }

  /** The same state with a health check's verdict: a new update of its own. */
  public TaskStatus withHealth(boolean isHealthy, String why) {
    return new TaskStatus(taskId, frameworkId, agentId, state, TaskReason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED,
      why, SOURCE_EXECUTOR, UUID.randomUUID().toString(), Json.nowSeconds(), isHealthy, LaunchTrace.EMPTY, containerIps,
      checkStatus);
  }

  /** The same state with what the task's check found: a new update of its own, as Mesos sends one. */
  public TaskStatus withCheckStatus(CheckStatus found) {
    return new TaskStatus(taskId, frameworkId, agentId, state, TaskReason.REASON_TASK_CHECK_STATUS_UPDATED,
      message, SOURCE_EXECUTOR, UUID.randomUUID().toString(), Json.nowSeconds(), healthy, LaunchTrace.EMPTY,
      containerIps, found);
  }

  /** What the task's check found last; null for a task without a check. */
  public CheckStatus getCheckStatus() {
    return checkStatus;
  }

  /** An update the master makes up; it carries no uuid and is not acknowledged. */
  public static TaskStatus fromMaster(String taskId, String frameworkId, String agentId, TaskState state,
                                      TaskReason reason, String message) {
    return new TaskStatus(taskId, frameworkId, agentId, state, reason, message, SOURCE_MASTER, null,
      Json.nowSeconds(), null);
  }

  /** The same state, told again by the master (reconciliation): no uuid, so no acknowledgement. */
  public TaskStatus asReconciliation() {
    return new TaskStatus(taskId, frameworkId, agentId, state, TaskReason.REASON_RECONCILIATION, message, SOURCE_MASTER,
      null, Json.nowSeconds(), healthy, LaunchTrace.EMPTY, containerIps, checkStatus);
  }

  /** The same update with {@code hop} passed at {@code epochMicros}, when it is traced; else this one. */
  public TaskStatus passed(LaunchTrace.Hop hop, long epochMicros) {
    return trace.isEmpty() ? this : withTrace(trace.at(hop, epochMicros));
  }

  /** The same update with the launch's hops ({@link LaunchTrace#EMPTY} to carry none). */
  public TaskStatus withTrace(LaunchTrace newTrace) {
    return new TaskStatus(taskId, frameworkId, agentId, state, reason, message, source, uuid, timestamp, healthy,
      newTrace, containerIps, checkStatus);
  }

  /** The same update (same uuid) with another reason, as Mesos marks the kills of a drain. */
  public TaskStatus withReason(TaskReason newReason) {
    return new TaskStatus(taskId, frameworkId, agentId, state, newReason, message, source, uuid, timestamp, healthy,
      trace, containerIps, checkStatus);
  }

  /** The same update with the container's addresses on its USER network. */
  public TaskStatus withContainerIps(List<String> ips) {
    return new TaskStatus(taskId, frameworkId, agentId, state, reason, message, source, uuid, timestamp, healthy, trace,
      ips, checkStatus);
  }

  /** The container's own addresses on a USER network; empty for every other task. */
  public List<String> getContainerIps() {
    return containerIps;
  }

  public LaunchTrace getTrace() {
    return trace;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("task_id", taskId).put("framework_id", frameworkId).put("agent_id", agentId)
      .put("state", state.name()).put("reason", reason == null ? null : reason.name()).put("message", message)
      .put("source", source).put("uuid", uuid).put("timestamp", timestamp).put("healthy", healthy);
    if (!containerIps.isEmpty()) {
      json.put("container_ips", new JsonArray(containerIps));
    }
    if (checkStatus != null) {
      json.put("check_status", checkStatus.toJson());
    }
    return trace.isEmpty() ? json : json.put("trace", trace.toJson());
  }

  public String getTaskId() {
    return taskId;
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  public String getAgentId() {
    return agentId;
  }

  public TaskState getState() {
    return state;
  }

  /** Why the state changed, or null when no reason is known. */
  public TaskReason getReason() {
    return reason;
  }

  public String getMessage() {
    return message;
  }

  public String getSource() {
    return source;
  }

  public String getUuid() {
    return uuid;
  }

  public double getTimestamp() {
    return timestamp;
  }

  /** The health check's verdict, or null when the task has no check or no verdict yet. */
  public Boolean getHealthy() {
    return healthy;
  }

  @Override
  public String toString() {
    return taskId + " " + state + (message == null ? "" : " (" + message + ")");
  }
}
