package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The body of {@link AgentEvent#HEARTBEAT}: one per process, for every agent it hosts. */
@DataObject
public class AgentHeartbeat {

  private final String nodeId;
  private final List<String> agentIds;

  public AgentHeartbeat(String nodeId, List<String> agentIds) {
    this.nodeId = nodeId;
    this.agentIds = List.copyOf(agentIds);
  }

  public AgentHeartbeat(JsonObject json) {
    this(json.getString("node_id"), Json.strings(json.getJsonArray("agent_ids")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("node_id", nodeId).put("agent_ids", new JsonArray(agentIds));
  }

  /** The process's address suffix ({@code drover.node.<nodeId>}). */
  public String getNodeId() {
    return nodeId;
  }

  public List<String> getAgentIds() {
    return agentIds;
  }
}
