package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What an agent tells the masters when it (re-)registers: itself, its tasks with their latest
 * states, and the frameworks those tasks belong to, so a new leader can rebuild its soft state.
 */
@DataObject
public class AgentRegistration {

  private final AgentInfo agent;
  private final List<TaskInfo> tasks;
  private final List<TaskStatus> statuses;
  private final List<FrameworkInfo> frameworks;
  private final String replacesAgentId;

  public AgentRegistration(AgentInfo agent, List<TaskInfo> tasks, List<TaskStatus> statuses,
                           List<FrameworkInfo> frameworks, String replacesAgentId) {
    this.agent = agent;
    this.tasks = List.copyOf(tasks);
    this.statuses = List.copyOf(statuses);
    this.frameworks = List.copyOf(frameworks);
    this.replacesAgentId = replacesAgentId;
  }

  public AgentRegistration(JsonObject json) {
    this(new AgentInfo(json.getJsonObject("agent")), Json.list(json.getJsonArray("tasks"), TaskInfo::new),
      Json.list(json.getJsonArray("statuses"), TaskStatus::new),
      Json.list(json.getJsonArray("frameworks"), FrameworkInfo::new), json.getString("replaces_agent_id"));
  }

  /** What makes this registration unusable, or null: a master must not take in a broken agent. */
  public String problem() {
    String id = Ids.problem("agent id", agent.getId());
    if (id != null) {
      return id;
    }
    if (agent.getNodeId() == null) {
      return "agent " + agent.getId() + " names no node to reach it at";
    }
    String resources = AgentInfo.resourcesProblem(agent.resources());
    return resources == null ? null : "agent " + agent.getId() + ": " + resources;
  }

  public JsonObject toJson() {
    return new JsonObject().put("agent", agent.toJson()).put("tasks", Json.array(tasks, TaskInfo::toJson))
      .put("statuses", Json.array(statuses, TaskStatus::toJson))
      .put("frameworks", Json.array(frameworks, FrameworkInfo::toJson)).put("replaces_agent_id", replacesAgentId);
  }

  public AgentInfo getAgent() {
    return agent;
  }

  public List<TaskInfo> getTasks() {
    return tasks;
  }

  public List<TaskStatus> getStatuses() {
    return statuses;
  }

  public List<FrameworkInfo> getFrameworks() {
    return frameworks;
  }

  /** An earlier agent on this host whose tasks died with it (a reboot, a cleanup), or null. */
  public String getReplacesAgentId() {
    return replacesAgentId;
  }
}
