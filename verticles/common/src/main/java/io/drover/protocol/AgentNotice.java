package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The body of {@link AgentCommand#REGISTERED} and {@link AgentCommand#REREGISTER}: only the agent's id. */
@DataObject
public class AgentNotice implements ForAgent {

  private final String agentId;

  public AgentNotice(String agentId) {
    this.agentId = agentId;
  }

  public AgentNotice(JsonObject json) {
    this(json.getString("agent_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId);
  }

  @Override
  public String getAgentId() {
    return agentId;
  }
}
