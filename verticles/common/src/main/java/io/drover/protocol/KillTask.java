package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The body of {@link AgentCommand#KILL}: one task of a framework on the agent. */
@DataObject
public class KillTask implements ForAgent {

  private final String agentId;
  private final String frameworkId;
  private final String taskId;
  /** Caps the task's kill grace period (a drain's {@code max_grace_period}); null leaves the task's own. */
  private final Double maxGracePeriodSeconds;

  public KillTask(String agentId, String frameworkId, String taskId) {
    this(agentId, frameworkId, taskId, null);
  }

  public KillTask(String agentId, String frameworkId, String taskId, Double maxGracePeriodSeconds) {
    this.agentId = agentId;
    this.frameworkId = frameworkId;
    this.taskId = taskId;
    this.maxGracePeriodSeconds = maxGracePeriodSeconds;
  }

  public KillTask(JsonObject json) {
    this(json.getString("agent_id"), json.getString("framework_id"), json.getString("task_id"),
      json.getDouble("max_grace_period_seconds"));
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("agent_id", agentId).put("framework_id", frameworkId).put("task_id", taskId);
    return maxGracePeriodSeconds == null ? json : json.put("max_grace_period_seconds", maxGracePeriodSeconds);
  }

  /** The cap on the task's kill grace period, or null. */
  public Double getMaxGracePeriodSeconds() {
    return maxGracePeriodSeconds;
  }

  @Override
  public String getAgentId() {
    return agentId;
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  public String getTaskId() {
    return taskId;
  }
}
