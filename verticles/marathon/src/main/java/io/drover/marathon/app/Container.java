package io.drover.marathon.app;

import java.util.List;
import java.util.Map;

/**
 * An app's container. Drover runs DOCKER containers; port mappings live here (Marathon 1.5+) and
 * are also read from {@code container.docker.portMappings} (older clients).
 */
public record Container(Type type, Docker docker, List<PortMapping> portMappings, List<Volume> volumes) {

  public Container {
    portMappings = List.copyOf(portMappings);
    volumes = List.copyOf(volumes);
  }

  public enum Type { DOCKER, MESOS }

  /** USER: a network of the agents' Docker by its name ({@code networks: [{mode: container, name}]}). */
  public enum Network { HOST, BRIDGE, NONE, USER }

  /**
   * {@code networkName} names the USER network, null for the other modes; {@code tty} is the app's
   * top-level {@code tty}, which Drover gives Docker containers only; {@code pullConfigSecret} is
   * Marathon's {@code pullConfig.secret}, the id of the app's secret holding a Docker
   * {@code config.json} to pull the image with (null without one).
   */
  public record Docker(String image, Network network, String networkName, List<Parameter> parameters,
                       boolean forcePullImage, boolean privileged, boolean tty, String pullConfigSecret) {
    public Docker {
      parameters = List.copyOf(parameters);
      networkName = network == Network.USER ? networkName : null;
    }
  }

  /** hostPort null: not published on the host; 0: any free host port. */
  public record PortMapping(int containerPort, Integer hostPort, int servicePort, String protocol, String name,
                            Map<String, String> labels) {
    public PortMapping {
      labels = Map.copyOf(labels);
    }
  }

  public record Volume(String containerPath, String hostPath, String mode) {
  }

  public record Parameter(String key, String value) {
  }
}
