package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@link AgentCommand#ACKNOWLEDGE}: the framework (or the master, for an update nobody
 * else will acknowledge) took the task's update with this uuid, so the agent may send the next.
 */
@DataObject
public class AcknowledgeUpdate implements ForAgent {

  private final String agentId;
  private final String frameworkId;
  private final String taskId;
  private final String uuid;

  public AcknowledgeUpdate(String agentId, String frameworkId, String taskId, String uuid) {
    this.agentId = agentId;
    this.frameworkId = frameworkId;
    this.taskId = taskId;
    this.uuid = uuid;
  }

  public AcknowledgeUpdate(JsonObject json) {
    this(json.getString("agent_id"), json.getString("framework_id"), json.getString("task_id"),
      json.getString("uuid"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("task_id", taskId).put("framework_id", frameworkId)
      .put("uuid", uuid);
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

  public String getUuid() {
    return uuid;
  }
}
