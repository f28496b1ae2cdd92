package io.drover.agent.executor;

import io.drover.protocol.ContainerInfo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Docker tasks may ask for on this agent beyond a plain container ({@code --docker-allow}):
 * privileged mode, host volumes, extra {@code docker run} parameters and the host's network each
 * only when listed. The engine's own socket is never mounted, allowed or not: whoever holds it
 * holds the machine.
 */
public final class DockerAllowList {

  public static final Set<String> EXTRAS = Set.of("privileged", "volumes", "parameters", "host-network");
  /** The {@code docker run} options a task's parameters may set. */
  static final Set<String> PARAMETERS = Set.of("label", "env", "user", "workdir", "hostname");

  private final Set<String> allowed;
  private final Path engineSocket;

  /**
   * @param allowed      a subset of {@link #EXTRAS}
   * @param engineSocket the engine's address ({@code unix:///var/run/docker.sock}); a path is guarded
   */
  public DockerAllowList(Set<String> allowed, String engineSocket) {
    this.allowed = Set.copyOf(allowed);
    URI uri = URI.create(engineSocket);
    this.engineSocket = "unix".equals(uri.getScheme()) ? realPath(Path.of(uri.getPath())) : null;
  }

  /** The comma-separated extras of {@code --docker-allow}; an unknown one is an error naming it. */
  public static Set<String> parse(String list) {
    Set<String> extras = new TreeSet<>();
    for (String item : list.split(",")) {
      String extra = item.trim().toLowerCase(java.util.Locale.ROOT);
      if (extra.isEmpty()) {
        continue;
      }
      if (!EXTRAS.contains(extra)) {
        throw new IllegalArgumentException("--docker-allow: unknown '" + extra + "' ("
          + String.join(", ", new TreeSet<>(EXTRAS)) + ")");
      }
      extras.add(extra);
    }
    return extras;
  }

  /** Why this agent will not run the container as asked, or null. */
  public String refusal(ContainerInfo container) {
    if (container.isPrivileged() && !allowed.contains("privileged")) {
      return "privileged containers are not allowed on this agent (--docker-allow privileged)";
    }
    if (container.getNetwork() == ContainerInfo.Network.HOST && !allowed.contains("host-network")) {
      return "the host's network is not allowed on this agent (--docker-allow host-network); use BRIDGE networking";
    }
    String network = container.getNetwork() == ContainerInfo.Network.USER
      ? ContainerInfo.userNetworkProblem(container.getNetworkName()) : null;
    if (network != null) {
      return network;
    }
    if (!container.getVolumes().isEmpty() && !allowed.contains("volumes")) {
      return "host volumes are not allowed on this agent (--docker-allow volumes)";
    }
    for (ContainerInfo.Volume volume : container.getVolumes()) {
      if (engineSocket != null && engineSocket.startsWith(realPath(Path.of(volume.hostPath())))) {
        return "host volume " + volume.hostPath() + " would hand the task the Docker engine's socket";
      }
    }
    if (!container.getParameters().isEmpty() && !allowed.contains("parameters")) {
      return "docker parameters are not allowed on this agent (--docker-allow parameters)";
    }
    for (ContainerInfo.Parameter parameter : container.getParameters()) {
      if (!PARAMETERS.contains(parameter.key())) {
        return "docker parameter '" + parameter.key() + "' is not supported (supported: " + PARAMETERS + ")";
      }
    }
    return null;
  }

  /** Where a path really leads ({@code /var/run} is a link to {@code /run} on most machines). */
  private static Path realPath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return Files.exists(absolute) ? absolute.toRealPath() : absolute;
    } catch (IOException e) {
      return absolute;
    }
  }
}
