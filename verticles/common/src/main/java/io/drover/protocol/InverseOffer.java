package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * Mesos's inverse offer: the master asks a framework to give up what it runs on an agent, whose
 * machine is scheduled for maintenance in {@code unavailability}. The framework answers with
 * {@code MasterService.acceptInverseOffers} once it has moved its tasks, or declines.
 */
@DataObject
public class InverseOffer {

  private final String id;
  private final String frameworkId;
  private final String agentId;
  private final String hostname;
  private final Unavailability unavailability;

  public InverseOffer(String id, String frameworkId, String agentId, String hostname, Unavailability unavailability) {
    this.id = id;
    this.frameworkId = frameworkId;
    this.agentId = agentId;
    this.hostname = hostname;
    this.unavailability = unavailability;
  }

  public InverseOffer(JsonObject json) {
    this(json.getString("id"), json.getString("framework_id"), json.getString("agent_id"), json.getString("hostname"),
      new Unavailability(json.getJsonObject("unavailability")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("framework_id", frameworkId).put("agent_id", agentId)
      .put("hostname", hostname).put("unavailability", unavailability.toJson());
  }

  public String getId() {
    return id;
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  public String getAgentId() {
    return agentId;
  }

  public String getHostname() {
    return hostname;
  }

  public Unavailability getUnavailability() {
    return unavailability;
  }
}
