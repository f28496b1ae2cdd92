package io.drover.master.mesos;

import io.drover.mesos.MesosResources;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.DiscoveryInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.ResourceLimits;
import io.drover.protocol.SecretName;
import io.drover.protocol.SharedVolume;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import org.apache.mesos.v1.Protos;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A framework's Mesos {@code TaskInfo} (alone, or in a task group) as the Drover task the master
 * launches. What Drover cannot run (Mesos containers, secrets, user networks) is named, so the task ends
 * {@code TASK_ERROR} with that reason, as Mesos ends a task it finds invalid. And a Drover task
 * back as Mesos's {@code Task}, as the operator API lists it.
 */
public final class MesosTasks {

  private static final double NANOS_PER_SECOND = 1e9;
  /** Where a task group's shared volumes are in its executor's sandbox, as Mesos's default executor has them. */
  private static final String SHARED_VOLUMES = "volumes/";

  private MesosTasks() {
  }

  /** A task to launch, or why it cannot be; {@code taskId} is always set. */
  public record Translated(String taskId, TaskInfo task, String problem) {
    static Translated invalid(String taskId, String problem) {
      return new Translated(taskId, null, problem);
    }
  }

  public static Translated fromProto(Protos.TaskInfo task, String frameworkId) {
    String taskId = task.getTaskId().getValue();
    try {
      ExecutorInfo executor = task.hasExecutor() ? executor(task.getExecutor()) : null;
      return new Translated(taskId, translate(task, frameworkId, executor != null).withExecutor(executor, null), null);
    } catch (IllegalArgumentException invalid) {
      return Translated.invalid(taskId, "task " + taskId + " is invalid: " + invalid.getMessage());
    }
  }

  /**
   * The tasks of a LAUNCH_GROUP, each run by the group's executor and named as one group (after its
   * first task), which the master launches all or nothing.
   */
  public static List<Translated> fromProto(Protos.ExecutorInfo executor, Protos.TaskGroupInfo group,
                                           String frameworkId) {
    List<Translated> tasks = new ArrayList<>();
    String groupId = group.getTasksCount() == 0 ? null : group.getTasks(0).getTaskId().getValue();
    ExecutorInfo translatedExecutor;
    try {
      translatedExecutor = executor(executor);
    } catch (IllegalArgumentException invalid) {
      group.getTasksList().forEach(t -> tasks.add(Translated.invalid(t.getTaskId().getValue(),
        "task group of " + groupId + " is invalid: " + invalid.getMessage())));
      return tasks;
    }
    for (Protos.TaskInfo task : group.getTasksList()) {
      String taskId = task.getTaskId().getValue();
      try {
        if (task.hasExecutor()) {
          throw new IllegalArgumentException("a task of a group names no executor (the group's runs it)");
        }
        tasks.add(new Translated(taskId, translate(task, frameworkId, true).withExecutor(translatedExecutor, groupId),
          null));
      } catch (IllegalArgumentException invalid) {
        tasks.add(Translated.invalid(taskId, "task " + taskId + " is invalid: " + invalid.getMessage()));
      }
    }
    return tasks;
  }

  /**
   * A framework's executor. As in Mesos, one without a type that has a command is CUSTOM; the
   * DEFAULT executor is the agent's, which runs the commands of a task group's tasks.
   */
  private static ExecutorInfo executor(Protos.ExecutorInfo executor) {
    ExecutorInfo.Type type = executor.getType() == Protos.ExecutorInfo.Type.DEFAULT ? ExecutorInfo.Type.DEFAULT
      : ExecutorInfo.Type.CUSTOM;
    // the DEFAULT executor's MESOS container without an image only holds the group's sandbox volumes
    ContainerInfo container = executor.hasContainer() && !(type == ExecutorInfo.Type.DEFAULT
      && isPlainMesos(executor.getContainer())) ? container(executor.getContainer()) : null;
    CommandInfo command = executor.hasCommand() ? command(executor.getCommand(), container != null) : null;
    String id = executor.getExecutorId().getValue();
    return new ExecutorInfo(id, executor.hasName() ? executor.getName() : id, type, command,
      MesosResources.fromProto(executor.getResourcesList()), container);
  }

  /**
   * A task and its latest status as Mesos's master lists it. A command task's executor is named
   * after the task, as Mesos's command executor is.
   */
  public static Protos.Task toProto(TaskInfo info, TaskStatus latest, Function<String, Optional<String>> agentIp) {
    Protos.TaskStatus status = MesosEvents.status(latest, agentIp);
    Protos.Task.Builder task = Protos.Task.newBuilder()
      .setName(info.getName())
      .setTaskId(Protos.TaskID.newBuilder().setValue(info.getTaskId()))
      .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(info.getFrameworkId()))
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue(executorId(info)))
      .setAgentId(Protos.AgentID.newBuilder().setValue(info.getAgentId()))
      .setState(status.getState())
      .addAllResources(MesosResources.toProto(info.resources()))
      .addStatuses(status)
      .setStatusUpdateState(status.getState());
    if (status.hasUuid()) {
      task.setStatusUpdateUuid(status.getUuid());
    }
    if (!info.getLabels().isEmpty()) {
      task.setLabels(labels(info.getLabels()));
    }
    if (info.getDiscovery() != null) {
      task.setDiscovery(discovery(info.getDiscovery()));
    }
    return task.build();
  }

  /** The task's executor: the framework's, or (a command task) its own, named after the task as in Mesos. */
  public static String executorId(TaskInfo info) {
    return info.getExecutor() == null ? info.getTaskId() : info.getExecutor().getExecutorId();
  }

  /** {@code executed}: an executor of the framework's runs it, so it needs no command of its own. */
  private static TaskInfo translate(Protos.TaskInfo task, String frameworkId, boolean executed) {
    if (!task.hasCommand() && !task.hasContainer() && !executed) {
      throw new IllegalArgumentException("it has neither a command nor a container");
    }
    if (task.hasMaxCompletionTime()) {
      throw new IllegalArgumentException("max_completion_time is not supported");
    }
    // a persistent volume is named among the resources; the task uses it, its disk is the volume's
    List<Protos.Resource> plain = MesosVolumes.others(task.getResourcesList());
    Resources resources = MesosResources.fromProto(plain);
    // a group's task in a MESOS container without an image runs as a command, its sandbox volumes shared
    boolean commandOnly = executed && task.hasContainer() && isPlainMesos(task.getContainer());
    ContainerInfo container = task.hasContainer() && !commandOnly ? container(task.getContainer()) : null;
    CommandInfo command = task.hasCommand() ? command(task.getCommand(), container != null) : null;
    HealthCheck check = task.hasHealthCheck() ? healthCheck(task.getHealthCheck(), resources) : null;
    HealthCheck reported = task.hasCheck() ? check(task.getCheck(), resources) : null;
    double grace = task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
      ? task.getKillPolicy().getGracePeriod().getNanoseconds() / NANOS_PER_SECOND
      : TaskInfo.DEFAULT_KILL_GRACE_PERIOD_SECONDS;
    return new TaskInfo(task.getTaskId().getValue(), task.getName(), frameworkId, task.getAgentId().getValue(),
      resources, command, container, check, labels(task.getLabels()), grace)
      .withDiscovery(task.hasDiscovery() ? discovery(task.getDiscovery()) : null)
      .withData(task.hasData() ? Base64.getEncoder().encodeToString(task.getData().toByteArray()) : null)
      .withLimits(limits(task.getLimitsMap()))
      .withReserved(MesosResources.reserved(plain))
      .withVolumes(MesosVolumes.volumes(task.getResourcesList()))
      .withSharedVolumes(commandOnly ? sharedVolumes(task.getContainer()) : List.of())
      .withCheck(reported);
  }

  /** A MESOS container without an image: a plain command, as the agent runs it. */
  private static boolean isPlainMesos(Protos.ContainerInfo container) {
    return container.getType() == Protos.ContainerInfo.Type.MESOS
      && !(container.hasMesos() && container.getMesos().hasImage());
  }

  /**
   * The {@code SANDBOX_PATH} volumes of type {@code PARENT} a group's task has, as Marathon gives a
   * pod's containers: {@code volumes/<name>} of the executor's sandbox, which the group's tasks share.
   */
  private static List<SharedVolume> sharedVolumes(Protos.ContainerInfo container) {
    List<SharedVolume> shared = new ArrayList<>();
    for (Protos.Volume volume : container.getVolumesList()) {
      Protos.Volume.Source source = volume.getSource();
      String path = source.getSandboxPath().getPath();
      if (source.getType() != Protos.Volume.Source.Type.SANDBOX_PATH
        || source.getSandboxPath().getType() != Protos.Volume.Source.SandboxPath.Type.PARENT
        || !path.startsWith(SHARED_VOLUMES)) {
        throw new IllegalArgumentException("a task without an image has only SANDBOX_PATH volumes of type PARENT "
          + "under '" + SHARED_VOLUMES + "' of its executor's sandbox: " + volume.getContainerPath());
      }
      SharedVolume one = new SharedVolume(path.substring(SHARED_VOLUMES.length()), volume.getContainerPath());
      String problem = one.problem();
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      shared.add(one);
    }
    return shared;
  }

  /** Mesos's cpus and mem limits (infinity: unlimited); the master holds them against the resources. */
  private static ResourceLimits limits(Map<String, Protos.Value.Scalar> limits) {
    if (limits.isEmpty()) {
      return null;
    }
    for (String name : limits.keySet()) {
      if (!name.equals("cpus") && !name.equals("mem")) {
        throw new IllegalArgumentException("limits are for cpus and mem only, not " + name);
      }
    }
    Double cpus = limits.containsKey("cpus") ? limits.get("cpus").getValue() : null;
    Double mem = limits.containsKey("mem") ? limits.get("mem").getValue() : null;
    return new ResourceLimits(cpus, mem);
  }

  /** How mesos-dns and its kind find the task: kept as the framework gave it, and shown in the state. */
  private static DiscoveryInfo discovery(Protos.DiscoveryInfo discovery) {
    List<DiscoveryInfo.Port> ports = discovery.getPorts().getPortsList().stream()
      .map(p -> new DiscoveryInfo.Port(p.getNumber(), p.hasName() ? p.getName() : null,
        p.hasProtocol() ? p.getProtocol() : "tcp"))
      .toList();
    return new DiscoveryInfo(discovery.getVisibility().name(), discovery.hasName() ? discovery.getName() : null,
      ports, labels(discovery.getLabels()));
  }

  private static Protos.DiscoveryInfo discovery(DiscoveryInfo discovery) {
    Protos.DiscoveryInfo.Builder proto = Protos.DiscoveryInfo.newBuilder()
      .setVisibility(Protos.DiscoveryInfo.Visibility.valueOf(discovery.visibility()));
    if (discovery.name() != null) {
      proto.setName(discovery.name());
    }
    Protos.Ports.Builder ports = Protos.Ports.newBuilder();
    for (DiscoveryInfo.Port port : discovery.ports()) {
      Protos.Port.Builder one = Protos.Port.newBuilder().setNumber(port.number());
      if (port.name() != null) {
        one.setName(port.name());
      }
      if (port.protocol() != null) {
        one.setProtocol(port.protocol());
      }
      ports.addPorts(one);
    }
    return proto.setPorts(ports).setLabels(labels(discovery.labels())).build();
  }

  /**
   * Mesos runs {@code value} with {@code /bin/sh -c} when {@code shell}, else executes {@code value}
   * with {@code arguments} as its argv (argv[0] included); a container may leave out the value and
   * run its image's entrypoint with the arguments.
   */
  private static CommandInfo command(Protos.CommandInfo command, boolean inContainer) {
    List<String> argv = new ArrayList<>();
    if (!command.getShell()) {
      if (command.hasValue()) {
        argv.add(command.getValue());
        argv.addAll(command.getArgumentsList().subList(Math.min(1, command.getArgumentsCount()),
          command.getArgumentsCount()));
      } else if (inContainer) {
        argv.addAll(command.getArgumentsList());
      }
    }
    Map<String, String> environment = new LinkedHashMap<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    for (Protos.Environment.Variable variable : command.getEnvironment().getVariablesList()) {
      if (variable.getType() != Protos.Environment.Variable.Type.SECRET) {
        environment.put(variable.getName(), variable.getValue());
      } else if (variable.getSecret().getType() == Protos.Secret.Type.REFERENCE
        && SecretName.valid(variable.getSecret().getReference().getName())
        && !variable.getSecret().getReference().hasKey()) {
        // the agent reads it from its secrets directory at launch
        secrets.put(variable.getName(), variable.getSecret().getReference().getName());
      } else {
        throw new IllegalArgumentException("environment variable " + variable.getName() + ": a secret must be a "
          + "REFERENCE, without a key, whose name is " + SecretName.RULE + " (a file of the agent's --secrets-dir)");
      }
    }
    List<CommandInfo.Uri> uris = command.getUrisList().stream()
      .map(u -> new CommandInfo.Uri(u.getValue(), u.getExtract(), u.getExecutable(),
        u.hasOutputFile() ? u.getOutputFile() : null))
      .toList();
    return new CommandInfo(command.getShell() ? command.getValue() : null, command.getShell(), argv, environment,
      command.hasUser() ? command.getUser() : null, uris, secrets);
  }

  private static ContainerInfo container(Protos.ContainerInfo container) {
    if (container.getType() != Protos.ContainerInfo.Type.DOCKER || !container.hasDocker()) {
      throw new IllegalArgumentException("only DOCKER containers are supported (the Mesos containerizer is not)");
    }
    Protos.ContainerInfo.DockerInfo docker = container.getDocker();
    ContainerInfo.Network network = switch (docker.getNetwork()) {
      case HOST -> ContainerInfo.Network.HOST;
      case BRIDGE -> ContainerInfo.Network.BRIDGE;
      case NONE -> ContainerInfo.Network.NONE;
      case USER -> ContainerInfo.Network.USER;
      default -> throw new IllegalArgumentException("Docker network " + docker.getNetwork() + " is not supported");
    };
    // Mesos names a USER network in the container's one network info
    String networkName = null;
    if (network == ContainerInfo.Network.USER) {
      if (container.getNetworkInfosCount() != 1 || !container.getNetworkInfos(0).hasName()) {
        throw new IllegalArgumentException("a USER network is named in exactly one network_infos entry");
      }
      networkName = container.getNetworkInfos(0).getName();
      String problem = ContainerInfo.userNetworkProblem(networkName);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    List<ContainerInfo.PortMapping> mappings = docker.getPortMappingsList().stream()
      .map(m -> new ContainerInfo.PortMapping(m.getHostPort(), m.getContainerPort(),
        m.hasProtocol() ? m.getProtocol() : "tcp"))
      .toList();
    List<ContainerInfo.Volume> volumes = container.getVolumesList().stream()
      .map(v -> new ContainerInfo.Volume(v.getContainerPath(), v.getHostPath(),
        v.getMode() == Protos.Volume.Mode.RO))
      .toList();
    List<ContainerInfo.Parameter> parameters = docker.getParametersList().stream()
      .map(p -> new ContainerInfo.Parameter(p.getKey(), p.getValue()))
      .toList();
    return new ContainerInfo(docker.getImage(), network, networkName, mappings, docker.getForcePullImage(),
      docker.getPrivileged(), volumes, parameters).withTty(container.hasTtyInfo());
  }

  /** Drover's checks name a port by its place among the task's ports; Mesos names the port itself. */
  private static HealthCheck healthCheck(Protos.HealthCheck check, Resources resources) {
    HealthCheck probe = switch (check.getType()) {
      case COMMAND -> probe(HealthCheck.Type.COMMAND, check.getCommand().getValue(), 0, null, resources);
      case HTTP -> probe(HealthCheck.Type.HTTP, null, check.getHttp().getPort(), check.getHttp().getPath(), resources);
      case TCP -> probe(HealthCheck.Type.TCP, null, check.getTcp().getPort(), null, resources);
      default -> throw new IllegalArgumentException("health check type " + check.getType() + " is not supported");
    };
    return probe.withTiming(check.getDelaySeconds(), check.getIntervalSeconds(), check.getTimeoutSeconds(),
      check.getGracePeriodSeconds(), check.getConsecutiveFailures());
  }

  /** Mesos's {@code CheckInfo}: probed as a health check is, but only reported (no grace, nothing counted). */
  private static HealthCheck check(Protos.CheckInfo check, Resources resources) {
    HealthCheck probe = switch (check.getType()) {
      case COMMAND -> probe(HealthCheck.Type.COMMAND, check.getCommand().getCommand().getValue(), 0, null, resources);
      case HTTP -> probe(HealthCheck.Type.HTTP, null, check.getHttp().getPort(), check.getHttp().getPath(), resources);
      case TCP -> probe(HealthCheck.Type.TCP, null, check.getTcp().getPort(), null, resources);
      default -> throw new IllegalArgumentException("check type " + check.getType() + " is not supported");
    };
    return probe.withTiming(check.getDelaySeconds(), check.getIntervalSeconds(), check.getTimeoutSeconds(), 0, 1);
  }

  private static HealthCheck probe(HealthCheck.Type type, String command, long port, String path,
                                   Resources resources) {
    int portIndex = type == HealthCheck.Type.COMMAND ? 0 : portIndex(port, resources);
    return HealthCheck.of(type, command, portIndex, path == null || path.isEmpty() ? "/" : path);
  }

  private static int portIndex(long port, Resources resources) {
    int index = 0;
    for (long offered : resources.ports().values().toArray()) {
      if (offered == port) {
        return index;
      }
      index++;
    }
    throw new IllegalArgumentException("its check's port " + port + " is not among its ports "
      + resources.ports());
  }

  private static Protos.Labels labels(Map<String, String> labels) {
    Protos.Labels.Builder proto = Protos.Labels.newBuilder();
    labels.forEach((key, value) -> proto.addLabels(Protos.Label.newBuilder().setKey(key).setValue(value)));
    return proto.build();
  }

  private static Map<String, String> labels(Protos.Labels labels) {
    Map<String, String> map = new LinkedHashMap<>();
    labels.getLabelsList().forEach(label -> map.put(label.getKey(), label.getValue()));
    return map;
  }
}
