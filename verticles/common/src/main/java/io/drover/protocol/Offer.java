package io.drover.protocol;

import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Unallocated resources of one agent, held for one framework until it accepts or declines them,
 * made for one of the framework's roles: tasks launched on it are allocated to that role.
 */
@DataObject
public class Offer {

  private final String id;
  private final String frameworkId;
  private final String role;
  private final String agentId;
  private final String hostname;
  private final Resources resources;
  private final Resources reserved;
  private final Resources dynamic;
  private final Attributes attributes;
  /** When the agent's machine will be unavailable for maintenance; null when none is scheduled. */
  private Unavailability unavailability;
  /** Persistent volumes of its role on the agent that no task uses; their disk is not in {@link #resources}. */
  private List<PersistentVolume> volumes = List.of();

  public Offer(String id, String frameworkId, String role, String agentId, String hostname, Resources resources,
               Attributes attributes) {
    this(id, frameworkId, role, agentId, hostname, resources, Resources.EMPTY, Resources.EMPTY, attributes);
  }

  /**
   * @param reserved the part of {@code resources} reserved for {@code role}
   * @param dynamic the part of {@code reserved} reserved through the master (the rest by the agent's flag)
   */
  public Offer(String id, String frameworkId, String role, String agentId, String hostname, Resources resources,
               Resources reserved, Resources dynamic, Attributes attributes) {
    this.id = id;
    this.frameworkId = frameworkId;
    this.role = role == null ? Roles.DEFAULT : role;
    this.agentId = agentId;
    this.hostname = hostname;
    this.resources = resources;
    this.reserved = reserved;
    this.dynamic = dynamic;
    this.attributes = attributes;
  }

  public Offer(JsonObject json) {
    this(json.getString("id"), json.getString("framework_id"), json.getString("role"), json.getString("agent_id"),
      json.getString("hostname"), Json.resources(json.getJsonObject("resources")),
      Json.resources(json.getJsonObject("reserved")), Json.resources(json.getJsonObject("dynamic")),
      Json.attributes(json.getJsonObject("attributes")));
    JsonObject window = json.getJsonObject("unavailability");
    this.unavailability = window == null ? null : new Unavailability(window);
    this.volumes = PersistentVolume.fromJson(json.getJsonArray("volumes"));
  }

  /** This offer, carrying the maintenance window of its agent's machine. */
  public Offer withUnavailability(Unavailability window) {
    Offer offer = copy();
    offer.unavailability = window;
    return offer;
  }

  /** This offer, carrying persistent volumes of its role. */
  public Offer withVolumes(List<PersistentVolume> free) {
    Offer offer = copy();
    offer.volumes = List.copyOf(free);
    return offer;
  }

  private Offer copy() {
    Offer offer = new Offer(id, frameworkId, role, agentId, hostname, resources, reserved, dynamic, attributes);
    offer.unavailability = unavailability;
    offer.volumes = volumes;
    return offer;
  }

  /** Persistent volumes offered with it, free for a task of its role. */
  public List<PersistentVolume> volumes() {
    return volumes;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("framework_id", frameworkId).put("role", role)
      .put("agent_id", agentId).put("hostname", hostname).put("resources", Json.resources(resources))
      .put("reserved", Json.resources(reserved)).put("dynamic", Json.resources(dynamic))
      .put("attributes", Json.attributes(attributes));
    if (!volumes.isEmpty()) {
      json.put("volumes", PersistentVolume.toJson(volumes));
    }
    return unavailability == null ? json : json.put("unavailability", unavailability.toJson());
  }

  /** When the agent's machine will be unavailable, or null. */
  public Unavailability unavailability() {
    return unavailability;
  }

  public String getId() {
    return id;
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  /** The role it was made for. */
  public String getRole() {
    return role;
  }

  public String getAgentId() {
    return agentId;
  }

  public String getHostname() {
    return hostname;
  }

  public Resources resources() {
    return resources;
  }

  /** The part of {@link #resources} reserved for its role: only tasks of that role may use it. */
  public Resources reserved() {
    return reserved;
  }

  /** The part of {@link #reserved} reserved through the master rather than by the agent's flag. */
  public Resources dynamic() {
    return dynamic;
  }

  public Attributes attributes() {
    return attributes;
  }
}
