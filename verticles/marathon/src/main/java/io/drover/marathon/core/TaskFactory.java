package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.Container;
import io.drover.marathon.app.HealthCheckDefinition;
import io.drover.marathon.app.Pod;
import io.drover.marathon.app.Pod.PodContainer;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.DiscoveryInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.SharedVolume;
import io.drover.protocol.TaskInfo;
import io.drover.resources.RangeSet;
import io.drover.resources.Resources;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Turns an app and a place on an agent into the TaskInfo the master launches (Marathon's TaskBuilder). */
final class TaskFactory {

  /** Task labels that let a scheduler that lost its memory tell which app and version a task runs. */
  static final String LABEL_APP_ID = "DROVER_APP_ID";
  static final String LABEL_APP_VERSION = "DROVER_APP_VERSION";
  static final String LABEL_CONFIG_VERSION = "DROVER_CONFIG_VERSION";
  /** A pod's tasks name their instance, whose task group they are. */
  static final String LABEL_INSTANCE_ID = "DROVER_INSTANCE_ID";

  private TaskFactory() {
  }

  /** Marathon's task id form: the app id with '_' for '/', a dot, a uuid. */
  static String newTaskId(AppDefinition app) {
    return app.id().safeName() + "." + UUID.randomUUID();
  }

  static String configVersion(AppDefinition app) {
    return app.versionInfo() == null ? app.version() : app.versionInfo().lastConfigChangeAt();
  }

  static TaskInfo build(AppDefinition app, String taskId, String agentId, String hostname, Resources resources,
                        List<Integer> hostPorts) {
    Map<String, String> env = new LinkedHashMap<>(app.env());
    env.put("MARATHON_APP_ID", app.id().toString());
    env.put("MARATHON_APP_VERSION", app.version());
    env.put("MARATHON_APP_RESOURCE_CPUS", Double.toString(app.cpus()));
    env.put("MARATHON_APP_RESOURCE_MEM", Double.toString(app.mem()));
    env.put("MARATHON_APP_RESOURCE_DISK", Double.toString(app.disk()));
    env.put("MESOS_TASK_ID", taskId);
    for (int i = 0; i < hostPorts.size(); i++) {
      env.put("PORT" + i, Integer.toString(hostPorts.get(i)));
    }
    if (!hostPorts.isEmpty()) {
      env.put("PORT", Integer.toString(hostPorts.get(0)));
    }
    env.put("PORTS", String.join(",", hostPorts.stream().map(String::valueOf).toList()));
    CommandInfo command = command(app, env);
    Map<String, String> labels = new LinkedHashMap<>(app.labels());
    labels.put(LABEL_APP_ID, app.id().toString());
    labels.put(LABEL_APP_VERSION, app.version());
    labels.put(LABEL_CONFIG_VERSION, configVersion(app));
    double grace = app.taskKillGracePeriodSeconds() == null ? TaskInfo.DEFAULT_KILL_GRACE_PERIOD_SECONDS
      : app.taskKillGracePeriodSeconds();
    TaskInfo task = new TaskInfo(taskId, app.id().hostname(), null, agentId, resources, command,
      app.isDocker() ? container(app, hostPorts) : null, healthCheck(app, hostPorts), labels, grace)
      .withDiscovery(discovery(app, hostPorts)).withLimits(app.resourceLimits()).withCheck(check(app, hostPorts));
    return app.customExecutor() == null ? task : onCustomExecutor(app, task);
  }

  /**
   * Marathon's custom executor: a task of its own runs {@code chmod ug+rx '<path>' && exec '<path>' <cmd>}
   * (its URIs fetched), named {@code marathon-<task id>}, and the task carries the app's definition
   * as its data.
   */
  private static TaskInfo onCustomExecutor(AppDefinition app, TaskInfo task) {
    String path = "'" + app.customExecutor().replace("'", "'\\''") + "'";
    String cmd = app.cmd() != null ? app.cmd() : String.join(" ", app.args());
    CommandInfo command = task.getCommand();
    CommandInfo run = new CommandInfo("chmod ug+rx " + path + " && exec " + path + " " + cmd, true, List.of(),
      command.getEnvironment(), command.getUser(), command.getUris(), command.getSecretEnvironment());
    ExecutorInfo executor = new ExecutorInfo("marathon-" + task.getTaskId(), app.id().hostname(),
      ExecutorInfo.Type.CUSTOM, run, Resources.EMPTY, null);
    String definition = AppJson.writeApp(app).encode();
    return task.withCommand(null).withExecutor(executor, null)
      .withData(Base64.getEncoder().encodeToString(definition.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Marathon's DiscoveryInfo: the task's name and its host ports with the names and protocols the
   * app gives them ("tcp,udp" is one port per protocol), for mesos-dns's SRV records.
   */
  static DiscoveryInfo discovery(AppDefinition app, List<Integer> hostPorts) {
    List<DiscoveryInfo.Port> ports = new ArrayList<>();
    Iterator<Integer> assigned = hostPorts.iterator();
    for (AppDefinition.PortDefinition definition : app.hostPortDefinitions()) {
      if (!assigned.hasNext()) {
        break;
      }
      int number = assigned.next();
      String protocols = definition.protocol() == null ? "tcp" : definition.protocol();
      for (String protocol : protocols.split(",")) {
        ports.add(new DiscoveryInfo.Port(number, definition.name(), protocol.trim()));
      }
    }
    return new DiscoveryInfo(DiscoveryInfo.FRAMEWORK, app.id().hostname(), ports, Map.of());
  }

  private static CommandInfo command(AppDefinition app, Map<String, String> env) {
    List<CommandInfo.Uri> uris = app.fetch().stream()
      .map(f -> new CommandInfo.Uri(f.uri(), f.extract(), f.executable(), f.destPath()))
      .toList();
    // a secret goes by its source's name: the agent reads its value at launch
    Map<String, String> secrets = app.secrets().envSources();
    if (app.cmd() != null) {
      return new CommandInfo(app.cmd(), true, List.of(), env, app.user(), uris, secrets);
    }
    // the exec form, or (empty) the image's own entry point
    return new CommandInfo(app.args().isEmpty() ? null : app.args().get(0), false, app.args(), env, app.user(), uris,
      secrets);
  }

  private static ContainerInfo container(AppDefinition app, List<Integer> hostPorts) {
    Container.Docker docker = app.container().docker();
    ContainerInfo.Network network = switch (docker.network()) {
      case HOST -> ContainerInfo.Network.HOST;
      case BRIDGE -> ContainerInfo.Network.BRIDGE;
      case NONE -> ContainerInfo.Network.NONE;
      case USER -> ContainerInfo.Network.USER;
    };
    List<ContainerInfo.PortMapping> mappings = new ArrayList<>();
    if (network == ContainerInfo.Network.BRIDGE || network == ContainerInfo.Network.USER) {
      Iterator<Integer> assigned = hostPorts.iterator();
      for (Container.PortMapping mapping : app.container().portMappings()) {
        if (mapping.hostPort() != null && assigned.hasNext()) {
          mappings.add(new ContainerInfo.PortMapping(assigned.next(), mapping.containerPort(),
            mapping.protocol() == null ? "tcp" : mapping.protocol()));
        }
      }
    }
    List<ContainerInfo.Volume> volumes = app.container().volumes().stream()
      .map(v -> new ContainerInfo.Volume(v.containerPath(), v.hostPath(), "RO".equalsIgnoreCase(v.mode())))
      .toList();
    List<ContainerInfo.Parameter> parameters = docker.parameters().stream()
      .map(p -> new ContainerInfo.Parameter(p.key(), p.value()))
      .toList();
    // like a variable's secret, the pull config goes by its source's name: the agent reads it
    String pullConfig = docker.pullConfigSecret() == null ? null : app.secrets().sources().get(docker.pullConfigSecret());
    return new ContainerInfo(docker.image(), network, docker.networkName(), mappings, docker.forcePullImage(),
      docker.privileged(), volumes, parameters).withTty(docker.tty()).withPullConfigSecret(pullConfig);
  }

  /** A pod instance's id, Marathon's form: the pod id with '_' for '/', {@code .instance-}, a uuid. */
  static String newInstanceId(AppDefinition pod) {
    return pod.id().safeName() + ".instance-" + UUID.randomUUID();
  }

  /** The task of a pod instance's container: the instance id, a dot, the container's name (as Marathon's). */
  static String containerTaskId(String instanceId, PodContainer container) {
    return instanceId + "." + container.name();
  }

  /** The container a pod's task runs, from its task id; null when it names none of the pod's. */
  static PodContainer containerOf(AppDefinition pod, String taskId) {
    return pod.pod().container(taskId.substring(taskId.lastIndexOf('.') + 1));
  }

  /**
   * A pod instance as Mesos's task group: a task per container on the agent's DEFAULT executor
   * (named after the instance, holding the pod's executor resources), each with its container's
   * resources and its share of {@code hostPorts} (the endpoints' ports, container by container),
   * the pod's volumes linked at the container's mount paths.
   */
  static List<TaskInfo> buildGroup(AppDefinition pod, String instanceId, String agentId, List<Integer> hostPorts) {
    Pod.ExecutorResources own = pod.pod().executorResources();
    ExecutorInfo executor = new ExecutorInfo(instanceId, pod.id().hostname(), ExecutorInfo.Type.DEFAULT, null,
      Resources.of(own.cpus(), own.mem(), own.disk(), RangeSet.EMPTY), null);
    List<TaskInfo> tasks = new ArrayList<>();
    Iterator<Integer> assigned = hostPorts.iterator();
    for (PodContainer container : pod.pod().containers()) {
      String taskId = containerTaskId(instanceId, container);
      Map<String, String> env = new LinkedHashMap<>(pod.env());
      env.putAll(container.env());
      env.put("MARATHON_APP_ID", pod.id().toString());
      env.put("MARATHON_APP_VERSION", pod.version());
      env.put("MARATHON_CONTAINER_ID", container.name());
      env.put("MESOS_TASK_ID", taskId);
      List<Integer> ports = new ArrayList<>();
      List<DiscoveryInfo.Port> discovered = new ArrayList<>();
      for (Pod.Endpoint endpoint : container.endpoints()) {
        int port = assigned.next();
        ports.add(port);
        // Marathon's names for an endpoint's port on the host network
        String name = endpoint.name().toUpperCase(Locale.ROOT).replace('-', '_');
        env.put("ENDPOINT_" + name, Integer.toString(port));
        env.put("EP_HOST_" + name, Integer.toString(port));
        endpoint.protocol().forEach(p -> discovered.add(new DiscoveryInfo.Port(port, endpoint.name(), p)));
      }
      // as an app's task has them: a scheduler that lost its memory reads a task's ports from here
      env.put("PORTS", String.join(",", ports.stream().map(String::valueOf).toList()));
      List<CommandInfo.Uri> uris = container.artifacts().stream()
        .map(f -> new CommandInfo.Uri(f.uri(), f.extract(), f.executable(), f.destPath())).toList();
      CommandInfo command = new CommandInfo(container.shell(), true, List.of(), env,
        container.user() != null ? container.user() : pod.user(), uris, Map.of());
      Map<String, String> labels = new LinkedHashMap<>(pod.labels());
      labels.putAll(container.labels());
      labels.put(LABEL_APP_ID, pod.id().toString());
      labels.put(LABEL_APP_VERSION, pod.version());
      labels.put(LABEL_CONFIG_VERSION, configVersion(pod));
      labels.put(LABEL_INSTANCE_ID, instanceId);
      Resources resources = Resources.of(container.cpus(), container.mem(), container.disk(),
        RangeSet.of(ports.stream().mapToLong(Integer::longValue).toArray()));
      HealthCheck health = container.healthCheck() == null ? null : asAgentRuns(container.healthCheck(), ports);
      double grace = container.killGracePeriodSeconds() == null ? TaskInfo.DEFAULT_KILL_GRACE_PERIOD_SECONDS
        : container.killGracePeriodSeconds();
      tasks.add(new TaskInfo(taskId, pod.id().hostname() + "." + container.name(), null, agentId, resources, command,
        null, health, labels, grace)
        .withDiscovery(new DiscoveryInfo(DiscoveryInfo.FRAMEWORK, pod.id().hostname(), discovered, Map.of()))
        .withExecutor(executor, instanceId)
        .withSharedVolumes(container.volumeMounts().stream()
          .map(m -> new SharedVolume(m.name(), m.mountPath())).toList()));
    }
    return tasks;
  }

  /**
   * The index of the check the agent runs for a task of the app: for a pod's task, its container's
   * check among the pod's checks; else {@link #agentCheck(AppDefinition)}.
   */
  static int agentCheck(AppDefinition app, String taskId) {
    if (!app.isPod()) {
      return agentCheck(app);
    }
    PodContainer container = containerOf(app, taskId);
    return container == null ? -1 : app.pod().checkIndex(container.name());
  }

  /**
   * The index of the app's check the agent runs (its first COMMAND or MESOS_ check: a task has one,
   * as in Mesos), or -1; the scheduler runs its HTTP, HTTPS and TCP checks.
   */
  static int agentCheck(AppDefinition app) {
    for (int i = 0; i < app.healthChecks().size(); i++) {
      if (app.healthChecks().get(i).runsOnAgent()) {
        return i;
      }
    }
    return -1;
  }

  private static HealthCheck healthCheck(AppDefinition app, List<Integer> hostPorts) {
    int index = agentCheck(app);
    return index < 0 ? null : asAgentRuns(app.healthChecks().get(index), hostPorts);
  }

  /** Marathon's {@code check}: what the agent runs and only reports. */
  private static HealthCheck check(AppDefinition app, List<Integer> hostPorts) {
    return app.check() == null ? null : asAgentRuns(app.check(), hostPorts);
  }

  /**
   * The check as the agent runs it, with {@code hostPorts} the task's ports in the app's order: the
   * agent takes a check's port by its place among the task's ports, lowest first.
   */
  private static HealthCheck asAgentRuns(HealthCheckDefinition check, List<Integer> hostPorts) {
    int index = check.portIndex() == null ? 0 : check.portIndex();
    int portIndex = index >= hostPorts.size() ? index
      : (int) hostPorts.stream().filter(p -> p < hostPorts.get(index)).count();
    HealthCheck.Type type = switch (check.protocol()) {
      case HTTP, HTTPS, MESOS_HTTP, MESOS_HTTPS -> HealthCheck.Type.HTTP;
      case TCP, MESOS_TCP -> HealthCheck.Type.TCP;
      case COMMAND -> HealthCheck.Type.COMMAND;
    };
    // Marathon's maxConsecutiveFailures 0 means "never kill": the agent still reports, we do not act
    int failures = Math.max(1, check.maxConsecutiveFailures());
    return HealthCheck.of(type, check.command(), portIndex, check.path() == null ? "/" : check.path())
      .withTiming(check.delaySeconds(), check.intervalSeconds(), check.timeoutSeconds(), check.gracePeriodSeconds(),
        failures);
  }
}
