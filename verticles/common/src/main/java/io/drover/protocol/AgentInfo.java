package io.drover.protocol;

import io.drover.resources.Attributes;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * An agent as masters know it: its id, where it runs, the process ({@code nodeId}) that hosts it
 * and to which the leader sends its commands, and what it advertises.
 */
@DataObject
public class AgentInfo {

  private final String id;
  private final String hostname;
  private final int port;
  private final String nodeId;
  private final Resources resources;
  private final Attributes attributes;
  private final Reservations reserved;

  public AgentInfo(String id, String hostname, int port, String nodeId, Resources resources, Attributes attributes) {
    this(id, hostname, port, nodeId, resources, attributes, Reservations.NONE);
  }

  private AgentInfo(String id, String hostname, int port, String nodeId, Resources resources, Attributes attributes,
                    Reservations reserved) {
    this.id = id;
    this.hostname = hostname;
    this.port = port;
    this.nodeId = nodeId;
    this.resources = resources;
    this.attributes = attributes;
    this.reserved = reserved;
  }

  public AgentInfo(JsonObject json) {
    this(json.getString("id"), json.getString("hostname"), json.getInteger("port", 0), json.getString("node_id"),
      Json.resources(json.getJsonObject("resources")), Json.attributes(json.getJsonObject("attributes")),
      Json.reservations(json.getJsonObject("reserved")));
  }

  /** The same agent with {@code reservations} of its resources made by its {@code --resources} flag. */
  public AgentInfo withReserved(Reservations reservations) {
    return new AgentInfo(id, hostname, port, nodeId, resources, attributes, reservations);
  }

  /**
   * What is wrong with an agent's resources, or null: the well-known names must have their kind
   * ({@code cpus}, {@code mem}, {@code disk} scalars; {@code ports} ranges), or nothing adds up.
   */
  public static String resourcesProblem(Resources resources) {
    for (String scalar : new String[] {Resources.CPUS, Resources.MEM, Resources.DISK}) {
      if (resources.rangeSets().containsKey(scalar)) {
        return scalar + " must be a number, not ranges";
      }
    }
    if (resources.scalars().containsKey(Resources.PORTS)) {
      return "ports must be ranges such as [31000-32000], not a number";
    }
    return null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("hostname", hostname).put("port", port).put("node_id", nodeId)
      .put("resources", Json.resources(resources)).put("attributes", Json.attributes(attributes))
      .put("reserved", Json.reservations(reserved));
  }

  public String getId() {
    return id;
  }

  public String getHostname() {
    return hostname;
  }

  public int getPort() {
    return port;
  }

  public String getNodeId() {
    return nodeId;
  }

  public Resources resources() {
    return resources;
  }

  public Attributes attributes() {
    return attributes;
  }

  /** The parts of {@link #resources} its flag reserved for roles (static reservations). */
  public Reservations reserved() {
    return reserved;
  }
}
