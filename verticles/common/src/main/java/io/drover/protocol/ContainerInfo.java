package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The container a task runs in (Mesos's ContainerInfo, Docker only): the image, its network (a
 * user-defined one by its name), the host ports mapped into it, whether it asks for privileges
 * the agent may refuse, and the secret (by name) holding the Docker {@code config.json} the agent
 * pulls the image with.
 */
@DataObject
public class ContainerInfo {

  /** Docker's network modes as Mesos names them; USER is a network of the agent's Docker, by name. */
  public enum Network { HOST, BRIDGE, NONE, USER }

  /**
   * Why {@code name} cannot be a USER network, or null: Docker reads its own modes and another
   * container's namespace ({@code container:<id>}) in the same place, and those are not networks of
   * their own (the host's network, for one, needs the agent's leave).
   */
  public static String userNetworkProblem(String name) {
    if (name == null || name.isBlank()) {
      return "a USER network needs the name of a Docker network";
    }
    if (List.of("host", "bridge", "none", "default").contains(name) || name.startsWith("container:")) {
      return "'" + name + "' is Docker's own network mode, not a network of the agent's Docker";
    }
    return null;
  }

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

  /** A host path mounted into the container; only where the agent allows volumes. */
  public record Volume(String containerPath, String hostPath, boolean readOnly) {
    JsonObject toJson() {
      return new JsonObject().put("container_path", containerPath).put("host_path", hostPath)
        .put("mode", readOnly ? "RO" : "RW");
    }

    static Volume fromJson(JsonObject json) {
      return new Volume(json.getString("container_path"), json.getString("host_path"),
        "RO".equalsIgnoreCase(json.getString("mode", "RW")));
    }
  }

  /** An extra {@code docker run} option ({@code key} without dashes); only where the agent allows them. */
  public record Parameter(String key, String value) {
    JsonObject toJson() {
      return new JsonObject().put("key", key).put("value", value);
    }

    static Parameter fromJson(JsonObject json) {
      return new Parameter(json.getString("key"), json.getString("value"));
    }
  }

  private final String image;
  private final Network network;
  private final List<PortMapping> portMappings;
  private final boolean forcePullImage;
  private final boolean privileged;
  private final List<Volume> volumes;
  private final List<Parameter> parameters;
  private final String networkName;
  /** A terminal for the container (Mesos's {@code tty_info}, {@code docker run -t}). */
  private final boolean tty;
  /**
   * The name of an agent's secret holding a Docker {@code config.json}, never its value; null without
   * one. Mesos 1.11 has this ({@code Image.Docker.config}) for its own containerizer only, not in
   * {@code DockerInfo}.
   */
  private final String pullConfigSecret;

  public ContainerInfo(String image, Network network, List<PortMapping> portMappings, boolean forcePullImage,
                       boolean privileged) {
    this(image, network, portMappings, forcePullImage, privileged, List.of(), List.of());
  }

  public ContainerInfo(String image, Network network, List<PortMapping> portMappings, boolean forcePullImage,
                       boolean privileged, List<Volume> volumes, List<Parameter> parameters) {
    this(image, network, null, portMappings, forcePullImage, privileged, volumes, parameters);
  }

  /** @param networkName the USER network's name; null for the other modes */
  public ContainerInfo(String image, Network network, String networkName, List<PortMapping> portMappings,
                       boolean forcePullImage, boolean privileged, List<Volume> volumes, List<Parameter> parameters) {
    this(image, network, networkName, portMappings, forcePullImage, privileged, volumes, parameters, false, null);
  }

  private ContainerInfo(String image, Network network, String networkName, List<PortMapping> portMappings,
                        boolean forcePullImage, boolean privileged, List<Volume> volumes, List<Parameter> parameters,
                        boolean tty, String pullConfigSecret) {
    this.tty = tty;
    this.pullConfigSecret = pullConfigSecret;
    this.image = image;
    this.networkName = network == Network.USER ? networkName : null;
    this.network = network;
    this.portMappings = List.copyOf(portMappings);
    this.forcePullImage = forcePullImage;
    this.privileged = privileged;
    this.volumes = List.copyOf(volumes);
    this.parameters = List.copyOf(parameters);
  }

  public ContainerInfo(JsonObject json) {
    this(json.getJsonObject("docker", new JsonObject()).getString("image"),
      Network.valueOf(json.getJsonObject("docker", new JsonObject()).getString("network", "HOST")),
      json.getJsonObject("docker", new JsonObject()).getString("network_name"),
      Json.list(json.getJsonObject("docker", new JsonObject()).getJsonArray("port_mappings"), PortMapping::fromJson),
      json.getJsonObject("docker", new JsonObject()).getBoolean("force_pull_image", false),
      json.getJsonObject("docker", new JsonObject()).getBoolean("privileged", false),
      Json.list(json.getJsonArray("volumes"), Volume::fromJson),
      Json.list(json.getJsonObject("docker", new JsonObject()).getJsonArray("parameters"), Parameter::fromJson),
      json.containsKey("tty_info"),
      json.getJsonObject("docker", new JsonObject()).getJsonObject("config", new JsonObject())
        .getJsonObject("reference", new JsonObject()).getString("name"));
  }

  /** A plain Docker container of {@code image}, on Docker's bridge network and with no port mapped. */
  public static ContainerInfo docker(String image) {
    return new ContainerInfo(image, Network.BRIDGE, List.of(), false, false);
  }

  public ContainerInfo withNetwork(Network newNetwork, List<PortMapping> mappings) {
    return withNetwork(newNetwork, null, mappings);
  }

  /** On {@code newNetwork}; {@code name} names a USER network. */
  public ContainerInfo withNetwork(Network newNetwork, String name, List<PortMapping> mappings) {
    return new ContainerInfo(image, newNetwork, name, mappings, forcePullImage, privileged, volumes, parameters, tty,
      pullConfigSecret);
  }

  /** The same container with a terminal, or without. */
  public ContainerInfo withTty(boolean newTty) {
    return new ContainerInfo(image, network, networkName, portMappings, forcePullImage, privileged, volumes, parameters,
      newTty, pullConfigSecret);
  }

  /** The same container pulled with the Docker {@code config.json} of the agent's secret {@code secret} (null: none). */
  public ContainerInfo withPullConfigSecret(String secret) {
    return new ContainerInfo(image, network, networkName, portMappings, forcePullImage, privileged, volumes, parameters,
      tty, secret);
  }

  public ContainerInfo withExtras(boolean newPrivileged, List<Volume> newVolumes, List<Parameter> newParameters) {
    return new ContainerInfo(image, network, networkName, portMappings, forcePullImage, newPrivileged, newVolumes,
      newParameters, tty, pullConfigSecret);
  }

  public JsonObject toJson() {
    JsonArray mappings = new JsonArray();
    portMappings.forEach(m -> mappings.add(m.toJson()));
    JsonObject docker = new JsonObject().put("image", image)
      .put("network", network.name()).put("network_name", networkName).put("port_mappings", mappings).put("force_pull_image", forcePullImage)
      .put("privileged", privileged).put("parameters", Json.array(parameters, Parameter::toJson));
    if (pullConfigSecret != null) {
      // shaped as Mesos's Secret of type REFERENCE
      docker.put("config", new JsonObject().put("type", "REFERENCE")
        .put("reference", new JsonObject().put("name", pullConfigSecret)));
    }
    JsonObject json = new JsonObject().put("type", "DOCKER").put("volumes", Json.array(volumes, Volume::toJson))
      .put("docker", docker);
    return tty ? json.put("tty_info", new JsonObject()) : json;
  }

  public String getImage() {
    return image;
  }

  public Network getNetwork() {
    return network;
  }

  public boolean isTty() {
    return tty;
  }

  /** The name of the agent's secret holding the Docker {@code config.json} to pull with; null without one. */
  public String getPullConfigSecret() {
    return pullConfigSecret;
  }

  /** The USER network's name; null for the other modes. */
  public String getNetworkName() {
    return networkName;
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

  public List<Volume> getVolumes() {
    return volumes;
  }

  public List<Parameter> getParameters() {
    return parameters;
  }
}
