package io.drover.marathon.app;

import io.drover.marathon.app.AppDefinition.PortDefinition;
import io.drover.marathon.app.Container.Docker;
import io.drover.marathon.app.Container.Network;
import io.drover.marathon.app.Container.Parameter;
import io.drover.marathon.app.Container.PortMapping;
import io.drover.marathon.app.Container.Volume;
import io.drover.protocol.ContainerInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an app's {@code container}, {@code networks}, {@code portDefinitions} and the deprecated
 * {@code ports}, and normalizes them the way Marathon 1.5+ does: port mappings only for non-host
 * networks (with one default mapping in BRIDGE mode), port definitions only for host networking
 * (with one default port when none are given).
 */
final class ContainerReader {

  /** The networking half of an app: its container (null for a command app) and its host ports. */
  record Networking(Container container, List<PortDefinition> portDefinitions) {

    boolean hostNetworking() {
      return container == null || container.docker() == null || container.docker().network() == Network.HOST;
    }

    /** The ports health checks and readiness checks refer to, by index or by name. */
    List<String> portNames() {
      List<String> names = new ArrayList<>();
      if (!hostNetworking()) {
        container.portMappings().forEach(m -> names.add(m.name()));
      } else {
        portDefinitions.forEach(p -> names.add(p.name()));
      }
      return names;
    }
  }

  static final String DEFAULT_PORT_NAME = "default";
  static final String DEFAULT_PROTOCOL = "tcp";
  static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "udp,tcp");
  static final int MAX_PORT = 65535;

  /** Marathon's LegacyName: the rule for port names. */
  private static final Pattern PORT_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private static final Set<String> CONTAINER_FIELDS = Set.of("type", "docker", "volumes", "portMappings", "linuxInfo");
  private static final Set<String> DOCKER_FIELDS = Set.of("image", "network", "parameters", "portMappings",
    "privileged", "forcePullImage", "credential", "pullConfig");
  private static final Set<String> PORT_MAPPING_FIELDS = Set.of("containerPort", "hostPort", "servicePort",
    "protocol", "name", "labels", "networkNames");
  private static final Set<String> PORT_DEFINITION_FIELDS = Set.of("port", "protocol", "name", "labels");
  private static final Set<String> VOLUME_FIELDS = Set.of("containerPath", "hostPath", "mode");
  private static final Set<String> VOLUME_KINDS = Set.of("persistent", "external", "secret");
  private static final Set<String> NETWORK_FIELDS = Set.of("mode", "name", "labels");

  private enum DockerNetwork { HOST, BRIDGE, NONE, USER }

  private final JsonFields app;
  private final Violations violations;
  /** The USER network {@code networks} names, if it does. */
  private String networkName;

  private ContainerReader(JsonFields app) {
    this.app = app;
    this.violations = app.violations();
  }

  static Networking read(JsonFields app) {
    return new ContainerReader(app).read();
  }

  private Networking read() {
    Network fromNetworks = readNetworks();
    JsonFields container = app.object("container");
    List<PortDefinition> explicitDefinitions = readPortDefinitions();
    if (container == null) {
      if (fromNetworks != null && fromNetworks != Network.HOST) {
        violations.unsupported(app.pathOf("networks"), "/networks");
      }
      return new Networking(null, hostPorts(explicitDefinitions));
    }
    container.rejectUnknown(CONTAINER_FIELDS, Set.of());
    if (container.has("linuxInfo")) {
      violations.unsupported(container.pathOf("linuxInfo"), "/container/linuxInfo");
    }
    Container.Type type = container.enumValue("type", Container.Type.class, Container.Type.DOCKER);
    JsonFields docker = container.object("docker");
    List<Volume> volumes = readVolumes(container);
    if (type == Container.Type.MESOS) {
      return mesosContainer(container, docker, volumes, fromNetworks, explicitDefinitions);
    }
    if (docker == null) {
      violations.add(container.pathOf("docker"), "is required for a DOCKER container");
      return new Networking(null, hostPorts(explicitDefinitions));
    }
    docker.rejectUnknown(DOCKER_FIELDS, Set.of());
    if (docker.has("credential")) {
      violations.unsupported(docker.pathOf("credential"), "/container/docker/credential");
    }
    String image = docker.nonEmptyString("image");
    if (!docker.has("image")) {
      violations.add(docker.pathOf("image"), "is required");
    }
    Network network = network(fromNetworks, docker);
    List<PortMapping> mappings = readPortMappings(container, docker, network, explicitDefinitions);
    List<Parameter> parameters = docker.objects("parameters", this::readParameter);
    Docker engine = new Docker(image == null ? "" : image, network, networkName,
      parameters == null ? List.of() : parameters,
      docker.bool("forcePullImage", false), docker.bool("privileged", false), app.bool("tty", false),
      readPullConfig(docker));
    List<PortDefinition> definitions = network == Network.HOST ? hostPorts(explicitDefinitions) : List.of();
    return new Networking(new Container(Container.Type.DOCKER, engine, mappings, volumes), definitions);
  }

  /**
   * Marathon's {@code pullConfig}, {@code {"secret": "<id>"}}: the id of one of the app's
   * {@code secrets}, whose value is a Docker {@code config.json}; null when absent.
   */
  private String readPullConfig(JsonFields docker) {
    JsonFields pullConfig = docker.object("pullConfig");
    if (pullConfig == null) {
      return null;
    }
    pullConfig.rejectUnknown(Set.of("secret"), Set.of());
    String secret = pullConfig.nonEmptyString("secret");
    if (!pullConfig.has("secret")) {
      violations.add(pullConfig.pathOf("secret"), "is required");
    } else if (secret != null && !(app.json().getValue("secrets") instanceof JsonObject secrets
      && secrets.containsKey(secret))) {
      // AppReader reads the secrets themselves; here only their ids matter. Marathon names the
      // pullConfig itself, with its own words
      violations.add(docker.pathOf("pullConfig"), "pullConfig.secret must refer to an existing secret");
    }
    return secret;
  }

  /** An imageless MESOS container adds nothing Drover uses: the app is a command app. */
  private Networking mesosContainer(JsonFields container, JsonFields docker, List<Volume> volumes,
                                    Network fromNetworks, List<PortDefinition> explicitDefinitions) {
    if (docker != null) {
      violations.unsupported(container.pathOf("type"), "/container/type");
    } else if (!volumes.isEmpty()) {
      violations.unsupported(container.pathOf("volumes"), "/container/volumes");
    }
    if (fromNetworks != null && fromNetworks != Network.HOST) {
      violations.unsupported(app.pathOf("networks"), "/networks");
    }
    return new Networking(null, hostPorts(explicitDefinitions));
  }

  /** The mode given by the top-level {@code networks} (Marathon 1.5+), or null when absent or empty. */
  private Network readNetworks() {
    JsonArray networks = app.array("networks");
    if (networks == null || networks.isEmpty()) {
      return null;
    }
    if (networks.size() > 1) {
      violations.unsupported(app.pathOf("networks"), "/networks");
      return null;
    }
    String path = app.pathOf("networks") + "(0)";
    var object = JsonFields.asObject(networks.getValue(0), path, violations);
    if (object == null) {
      return null;
    }
    JsonFields network = new JsonFields(object, path, violations);
    network.rejectUnknown(NETWORK_FIELDS, Set.of());
    String mode = network.string("mode", "container");
    Map<String, String> labels = network.stringMap("labels");
    if (labels != null && !labels.isEmpty()) {
      violations.unsupported(app.pathOf("networks"), "/networks");
      return null;
    }
    if (network.has("name") && !mode.equals("container")) {
      violations.add(network.pathOf("name"), "is only for container networks");
      return null;
    }
    switch (mode) {
      case "host":
        return Network.HOST;
      case "container/bridge":
        return Network.BRIDGE;
      case "container":
        // no default network name is configured, as Marathon's --default_network_name can be
        networkName = network.nonEmptyString("name");
        if (!network.has("name")) {
          violations.add(network.pathOf("name"), "is required: the name of a Docker network on the agents");
        } else if (networkName != null) {
          String problem = ContainerInfo.userNetworkProblem(networkName);
          if (problem != null) {
            violations.add(network.pathOf("name"), problem);
            networkName = null;
          }
        }
        return networkName == null ? null : Network.USER;
      default:
        violations.add(network.pathOf("mode"), "must be one of container, container/bridge, host");
        return null;
    }
  }

  /** Host networking unless {@code networks} or the deprecated {@code docker.network} say otherwise. */
  private Network network(Network fromNetworks, JsonFields docker) {
    DockerNetwork legacy = docker.enumValue("network", DockerNetwork.class, null);
    if (legacy == DockerNetwork.USER && fromNetworks != Network.USER) {
      // Marathon takes the name from ipAddress.networkName, which Drover does not read
      violations.add(docker.pathOf("network"), "USER needs networks: [{\"mode\": \"container\", \"name\": ...}]");
      return Network.HOST;
    }
    Network fromDocker = legacy == null ? null : Network.valueOf(legacy.name());
    // Drover writes both forms for older readers, so a body echoed from a GET carries both
    if (fromNetworks != null && fromDocker != null && fromNetworks != fromDocker) {
      violations.add(app.pathOf("networks"), "must not specify both container.docker.network and networks");
    }
    return fromNetworks != null ? fromNetworks : fromDocker != null ? fromDocker : Network.HOST;
  }

  private List<PortMapping> readPortMappings(JsonFields container, JsonFields docker, Network network,
                                             List<PortDefinition> explicitDefinitions) {
    List<PortMapping> current = container.objects("portMappings", this::readPortMapping);
    List<PortMapping> legacy = docker.objects("portMappings", this::readPortMapping);
    if (current != null && legacy != null && !current.equals(legacy)) {
      violations.add(container.pathOf("portMappings"), "cannot specify both portMappings and docker.portMappings");
    }
    List<PortMapping> given = current != null ? current : legacy;
    if (network == Network.HOST) {
      return List.of(); // Marathon drops port mappings under host networking
    }
    List<PortMapping> mappings = new ArrayList<>();
    if (given == null && network == Network.BRIDGE) {
      mappings.add(new PortMapping(0, 0, 0, DEFAULT_PROTOCOL, DEFAULT_PORT_NAME, Map.of()));
    } else if (given != null) {
      for (PortMapping m : given) {
        boolean defaultHostPort = m.hostPort() == null && network == Network.BRIDGE;
        mappings.add(defaultHostPort
          ? new PortMapping(m.containerPort(), 0, m.servicePort(), m.protocol(), m.name(), m.labels())
          : m);
      }
    }
    // Marathon adds a mapping for each port definition beyond the mappings given
    int missing = explicitDefinitions == null ? 0 : explicitDefinitions.size() - mappings.size();
    for (int i = 0; i < missing; i++) {
      mappings.add(new PortMapping(0, network == Network.BRIDGE ? 0 : null, 0, DEFAULT_PROTOCOL, null, Map.of()));
    }
    checkUniqueNames(container.pathOf("portMappings"), mappings.stream().map(PortMapping::name).toList());
    return mappings;
  }

  private PortMapping readPortMapping(JsonFields m) {
    m.rejectUnknown(PORT_MAPPING_FIELDS, Set.of());
    List<String> networkNames = m.strings("networkNames");
    if (networkNames != null && !networkNames.isEmpty()) {
      violations.unsupported(m.pathOf("networkNames"), "/container/portMappings(*)/networkNames");
    }
    Integer hostPort = m.integer("hostPort");
    if (hostPort != null && !JsonFields.inRange(m.pathOf("hostPort"), hostPort, 0, MAX_PORT, violations)) {
      hostPort = 0;
    }
    Map<String, String> labels = m.stringMap("labels");
    return new PortMapping(m.integer("containerPort", 0, 0, MAX_PORT), hostPort, m.integer("servicePort", 0, 0, MAX_PORT),
      protocol(m), portName(m), labels == null ? Map.of() : labels);
  }

  /** Explicit port definitions or the deprecated {@code ports}; null when neither is given. */
  private List<PortDefinition> readPortDefinitions() {
    List<PortDefinition> definitions = app.objects("portDefinitions", this::readPortDefinition);
    List<PortDefinition> ports = app.list("ports", (item, path) -> {
      Integer port = JsonFields.asInt(item, path, violations);
      return port == null || !JsonFields.inRange(path, port, 0, MAX_PORT, violations)
        ? null
        : new PortDefinition(port, DEFAULT_PROTOCOL, null, Map.of());
    });
    if (definitions != null && ports != null && !definitions.isEmpty() && !ports.isEmpty()
      && !definitions.stream().map(PortDefinition::port).toList().equals(ports.stream().map(PortDefinition::port).toList())) {
      violations.add(app.pathOf("portDefinitions"), "cannot specify both ports and port definitions");
    }
    List<PortDefinition> given = definitions != null && (ports == null || !definitions.isEmpty()) ? definitions : ports;
    if (given != null) {
      checkUniqueNames(app.pathOf("portDefinitions"), given.stream().map(PortDefinition::name).toList());
      List<Integer> fixed = given.stream().map(PortDefinition::port).filter(p -> p != 0).toList();
      if (new HashSet<>(fixed).size() != fixed.size()) {
        violations.add(app.pathOf("portDefinitions"), "Ports must be unique.");
      }
    }
    return given;
  }

  private PortDefinition readPortDefinition(JsonFields p) {
    p.rejectUnknown(PORT_DEFINITION_FIELDS, Set.of());
    Map<String, String> labels = p.stringMap("labels");
    return new PortDefinition(p.integer("port", 0, 0, MAX_PORT), protocol(p), portName(p),
      labels == null ? Map.of() : labels);
  }

  /** Marathon gives a host-networked app one port named "default" when it asks for none. */
  private static List<PortDefinition> hostPorts(List<PortDefinition> explicit) {
    return explicit != null ? explicit : List.of(new PortDefinition(0, DEFAULT_PROTOCOL, DEFAULT_PORT_NAME, Map.of()));
  }

  private String protocol(JsonFields port) {
    String protocol = port.string("protocol", DEFAULT_PROTOCOL);
    if (!PROTOCOLS.contains(protocol)) {
      violations.add(port.pathOf("protocol"), "must be one of tcp, udp, udp,tcp");
      return DEFAULT_PROTOCOL;
    }
    return protocol;
  }

  private String portName(JsonFields port) {
    String name = port.string("name");
    if (name != null && !PORT_NAME.matcher(name).matches()) {
      violations.add(port.pathOf("name"), "must fully match regular expression '" + PORT_NAME.pattern() + "'");
      return null;
    }
    return name;
  }

  private void checkUniqueNames(String path, List<String> names) {
    List<String> named = names.stream().filter(Objects::nonNull).toList();
    if (new HashSet<>(named).size() != named.size()) {
      violations.add(path, "Port names must be unique.");
    }
  }

  private List<Volume> readVolumes(JsonFields container) {
    List<Volume> volumes = container.objects("volumes", v -> {
      for (String kind : VOLUME_KINDS) {
        if (v.has(kind)) {
          violations.unsupported(v.path(), "/container/volumes(*)");
          return null;
        }
      }
      v.rejectUnknown(VOLUME_FIELDS, Set.of());
      String containerPath = v.nonEmptyString("containerPath");
      String hostPath = v.nonEmptyString("hostPath");
      for (String field : List.of("containerPath", "hostPath")) {
        if (!v.has(field)) {
          violations.add(v.pathOf(field), "is required");
        }
      }
      String mode = v.string("mode", "RW");
      if (!mode.equals("RO") && !mode.equals("RW")) {
        violations.add(v.pathOf("mode"), "must be one of RO, RW");
      }
      return containerPath == null || hostPath == null ? null : new Volume(containerPath, hostPath, mode);
    });
    return volumes == null ? List.of() : volumes;
  }

  private Parameter readParameter(JsonFields p) {
    p.rejectUnknown(Set.of("key", "value"), Set.of());
    String key = p.nonEmptyString("key");
    if (!p.has("key")) {
      violations.add(p.pathOf("key"), "is required");
    }
    return key == null ? null : new Parameter(key, p.string("value", ""));
  }
}
