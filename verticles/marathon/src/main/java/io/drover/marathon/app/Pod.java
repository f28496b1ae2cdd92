package io.drover.marathon.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What makes a run spec a Marathon pod: containers that run side by side as one instance (a Mesos
 * task group on the agent's DEFAULT executor), sharing the pod's ephemeral volumes. The rest of a
 * pod (instances, placement, backoff, upgrade and unreachable strategies, labels, role) lives in
 * its {@link AppDefinition}, with the containers' resources summed up there, so a pod is deployed,
 * placed and scaled like an app.
 *
 * @param volumes the names of its ephemeral volumes, which its containers share while an instance runs
 */
public record Pod(List<PodContainer> containers, List<String> volumes, ExecutorResources executorResources) {

  public Pod {
    containers = List.copyOf(containers);
    volumes = List.copyOf(volumes);
    Objects.requireNonNull(executorResources, "executorResources");
  }

  /** The container called {@code name}, or null. */
  public PodContainer container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * The index of the container's health check among the pod's (its app definition's {@code
   * healthChecks}, in container order), or -1 when it has none.
   */
  public int checkIndex(String containerName) {
    int index = 0;
    for (PodContainer container : containers) {
      if (container.name().equals(containerName)) {
        return container.healthCheck() == null ? -1 : index;
      }
      if (container.healthCheck() != null) {
        index++;
      }
    }
    return -1;
  }

  /** What the pod's executor itself holds on the agent, as Marathon's defaults (0.1 cpus, 32 MB, 10 MB disk). */
  public record ExecutorResources(double cpus, double mem, double disk) {
    public static final ExecutorResources DEFAULT = new ExecutorResources(0.1, 32, 10);
  }

  /**
   * One container of a pod: a shell command (pods of images are not supported) with its resources,
   * endpoints, health check and volume mounts.
   *
   * @param healthCheck       null for none; its port is {@code portIndex} into the container's endpoints
   * @param killGracePeriodSeconds null for the agent's default
   */
  public record PodContainer(String name, String shell, double cpus, double mem, double disk,
                             List<Endpoint> endpoints, Map<String, String> env, String user,
                             Map<String, String> labels, List<VolumeMount> volumeMounts,
                             List<AppDefinition.FetchUri> artifacts, HealthCheckDefinition healthCheck,
                             Integer killGracePeriodSeconds) {
    public PodContainer {
      endpoints = List.copyOf(endpoints);
      env = Map.copyOf(env);
      labels = Map.copyOf(labels);
      volumeMounts = List.copyOf(volumeMounts);
      artifacts = List.copyOf(artifacts);
    }
  }

  /** A named port of a container; {@code hostPort} 0 asks for any free port. */
  public record Endpoint(String name, int hostPort, List<String> protocol, Map<String, String> labels) {
    public Endpoint {
      protocol = List.copyOf(protocol);
      labels = Map.copyOf(labels);
    }
  }

  /** Where a container sees one of the pod's volumes, relative to its sandbox. */
  public record VolumeMount(String name, String mountPath) {
  }
}
