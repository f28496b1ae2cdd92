package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@link AgentCommand#LAUNCH}: a task to run and the framework it belongs to. The agent
 * refuses a task that names another agent than the one the command is for.
 */
@DataObject
public class LaunchTask implements ForAgent {

  private final String agentId;
  private final TaskInfo task;
  private final FrameworkInfo framework;

  public LaunchTask(String agentId, TaskInfo task, FrameworkInfo framework) {
    this.agentId = agentId;
    this.task = task;
    this.framework = framework;
  }

  public LaunchTask(JsonObject json) {
    this(json.getString("agent_id"), new TaskInfo(json.getJsonObject("task")),
      new FrameworkInfo(json.getJsonObject("framework")));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("task", task.toJson()).put("framework", framework.toJson());
  }

  @Override
  public String getAgentId() {
    return agentId;
  }

  public TaskInfo getTask() {
    return task;
  }

  public FrameworkInfo getFramework() {
    return framework;
  }
}
