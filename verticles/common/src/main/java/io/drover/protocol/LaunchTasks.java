package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * The body of {@link AgentCommand#LAUNCH}: the tasks of one accept, all for one agent, and the
 * framework they belong to: one message per accept, however many tasks it launches. The agent
 * answers with {@link #refusals}: the tasks it did not launch, each with why.
 */
@DataObject
public class LaunchTasks implements ForAgent {

  private final String agentId;
  private final List<TaskInfo> tasks;
  private final FrameworkInfo framework;

  public LaunchTasks(String agentId, List<TaskInfo> tasks, FrameworkInfo framework) {
    this.agentId = agentId;
    this.tasks = List.copyOf(tasks);
    this.framework = framework;
  }

  public LaunchTasks(JsonObject json) {
    this(json.getString("agent_id"), Json.list(json.getJsonArray("tasks"), TaskInfo::new),
      new FrameworkInfo(json.getJsonObject("framework")));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("tasks", Json.array(tasks, TaskInfo::toJson))
      .put("framework", framework.toJson());
  }

  @Override
  public String getAgentId() {
    return agentId;
  }

  public List<TaskInfo> getTasks() {
    return tasks;
  }

  public FrameworkInfo getFramework() {
    return framework;
  }

  /** The agent's answer: task id -> why it was not launched; empty when all were. */
  public static JsonObject refusals(Map<String, String> refused) {
    return new JsonObject().put("refused", Json.object(refused));
  }

  /** The refusals read back from the agent's answer; a missing body means none. */
  public static Map<String, String> refusals(JsonObject answer) {
    return answer == null ? Map.of() : Json.strings(answer.getJsonObject("refused"));
  }
}
