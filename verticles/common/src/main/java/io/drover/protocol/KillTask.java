package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The body of {@link AgentCommand#KILL}: one task of a framework on the agent. */
@DataObject
public class KillTask implements ForAgent {

  private final String agentId;
  private final String frameworkId;
  private final String taskId;

  public KillTask(String agentId, String frameworkId, String taskId) {
    this.agentId = agentId;
    this.frameworkId = frameworkId;
    this.taskId = taskId;
  }

  public KillTask(JsonObject json) {
    this(json.getString("agent_id"), json.getString("framework_id"), json.getString("task_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("framework_id", frameworkId).put("task_id", taskId);
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
