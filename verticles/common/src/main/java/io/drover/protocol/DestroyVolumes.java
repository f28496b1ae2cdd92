package io.drover.protocol;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** The body of {@link AgentCommand#DESTROY_VOLUMES}: persistent volumes destroyed, whose data the agent deletes. */
public class DestroyVolumes implements ForAgent {

  private final String agentId;
  private final List<PersistentVolume> volumes;

  public DestroyVolumes(String agentId, List<PersistentVolume> volumes) {
    this.agentId = agentId;
    this.volumes = List.copyOf(volumes);
  }

  public DestroyVolumes(JsonObject json) {
    this(json.getString("agent_id"), PersistentVolume.fromJson(json.getJsonArray("volumes")));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("volumes", PersistentVolume.toJson(volumes));
  }

  @Override
  public String getAgentId() {
    return agentId;
  }

  public List<PersistentVolume> getVolumes() {
    return volumes;
  }
}
