package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The container a task runs in (Mesos's ContainerInfo, Docker only): the image, its network, the
 * host ports mapped into it, and whether it asks for privileges the agent may refuse.
 */
@DataObject
public class ContainerInfo {

  /** Docker's network modes as Mesos names them. */
  public enum Network { HOST, BRIDGE, NONE }

  /** One host port (from the task's offered ports) mapped to a container port. */
  public record PortMapping(int hostPort, int containerPort, String protocol) {
    JsonObject toJson() {
      return new JsonObject().put("host_port", hostPort).put("container_port", containerPort).put("protocol", protocol);
    }

    static PortMapping fromJson(JsonObject json) {
      return new PortMapping(json.getInteger("host_port", 0), json.getInteger("container_port", 0),
        json.getString("protocol", "tcp"));
    }
  }

  private final String image;
  private final Network network;
  private final List<PortMapping> portMappings;
  private final boolean forcePullImage;
  private final boolean privileged;

  public ContainerInfo(String image, Network network, List<PortMapping> portMappings, boolean forcePullImage,
                       boolean privileged) {
    this.image = image;
    this.network = network;
    this.portMappings = List.copyOf(portMappings);
    this.forcePullImage = forcePullImage;
    this.privileged = privileged;
  }

  public ContainerInfo(JsonObject json) {
    this(json.getJsonObject("docker", new JsonObject()).getString("image"),
      Network.valueOf(json.getJsonObject("docker", new JsonObject()).getString("network", "HOST")),
      Json.list(json.getJsonObject("docker", new JsonObject()).getJsonArray("port_mappings"), PortMapping::fromJson),
      json.getJsonObject("docker", new JsonObject()).getBoolean("force_pull_image", false),
      json.getJsonObject("docker", new JsonObject()).getBoolean("privileged", false));
  }

  /** A Docker container of {@code image} on the host's network. */
  public static ContainerInfo docker(String image) {
    return new ContainerInfo(image, Network.HOST, List.of(), false, false);
  }

  public ContainerInfo withNetwork(Network newNetwork, List<PortMapping> mappings) {
    return new ContainerInfo(image, newNetwork, mappings, forcePullImage, privileged);
  }

  public JsonObject toJson() {
    JsonArray mappings = new JsonArray();
    portMappings.forEach(m -> mappings.add(m.toJson()));
    return new JsonObject().put("type", "DOCKER").put("docker", new JsonObject().put("image", image)
      .put("network", network.name()).put("port_mappings", mappings).put("force_pull_image", forcePullImage)
      .put("privileged", privileged));
  }

  public String getImage() {
    return image;
  }

  public Network getNetwork() {
    return network;
  }

  public List<PortMapping> getPortMappings() {
    return portMappings;
  }

  public boolean isForcePullImage() {
    return forcePullImage;
  }

  public boolean isPrivileged() {
    return privileged;
  }
}
