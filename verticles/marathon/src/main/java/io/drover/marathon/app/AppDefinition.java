package io.drover.marathon.app;

import io.drover.protocol.ResourceLimits;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a Marathon app, with Marathon's defaults filled in. Immutable; {@link AppJson}
 * reads it from and writes it to Marathon's JSON.
 *
 * @param cmd                        the shell command, or null when {@code args} or a container's
 *                                   entry point is used
 * @param args                       the exec form, empty when {@code cmd} is used
 * @param container                  null for a command app
 * @param portDefinitions            host ports of a command or HOST-network app
 * @param taskKillGracePeriodSeconds null for the agent's default
 * @param version                    the ISO-8601 instant of this version, null before it is stored
 * @param secrets                    the secrets its tasks' environment holds, by name only
 * @param resourceLimits             how far beyond cpus and mem its tasks may go; null: no further
 * @param role                       the role its tasks' resources are allocated to; null: Marathon's
 *                                   {@code --mesos-role}
 * @param acceptedResourceRoles      whose resources its tasks may take: {@code *} for resources anyone
 *                                   may take, its role for those reserved for it; null: both
 * @param pod                        its containers when it is a pod (an instance is a task group), else null
 * @param check                      its Mesos check ({@code check}: run by the agent, only reported, as
 *                                   {@code MESOS_HTTP}, {@code MESOS_TCP} or {@code COMMAND}); null for none
 */
public record AppDefinition(
  PathId id,
  String cmd,
  List<String> args,
  String user,
  Map<String, String> env,
  int instances,
  double cpus,
  double mem,
  double disk,
  List<Constraint> constraints,
  List<FetchUri> fetch,
  Container container,
  List<PortDefinition> portDefinitions,
  boolean requirePorts,
  List<HealthCheckDefinition> healthChecks,
  List<ReadinessCheck> readinessChecks,
  List<PathId> dependencies,
  UpgradeStrategy upgradeStrategy,
  Map<String, String> labels,
  double backoffSeconds,
  double backoffFactor,
  double maxLaunchDelaySeconds,
  KillSelection killSelection,
  UnreachableStrategy unreachableStrategy,
  Integer taskKillGracePeriodSeconds,
  String version,
  VersionInfo versionInfo,
  String executor,
  Secrets secrets,
  ResourceLimits resourceLimits,
  String role,
  List<String> acceptedResourceRoles,
  Pod pod,
  HealthCheckDefinition check) {

  /** Marathon's default: the agent's command executor runs the app's tasks. */
  public static final String COMMAND_EXECUTOR = "//cmd";

  /** An app on the command executor (most apps: {@code executor} left out). */
  public AppDefinition(PathId id, String cmd, List<String> args, String user, Map<String, String> env, int instances,
                       double cpus, double mem, double disk, List<Constraint> constraints, List<FetchUri> fetch,
                       Container container, List<PortDefinition> portDefinitions, boolean requirePorts,
                       List<HealthCheckDefinition> healthChecks, List<ReadinessCheck> readinessChecks,
                       List<PathId> dependencies, UpgradeStrategy upgradeStrategy, Map<String, String> labels,
                       double backoffSeconds, double backoffFactor, double maxLaunchDelaySeconds,
                       KillSelection killSelection, UnreachableStrategy unreachableStrategy,
                       Integer taskKillGracePeriodSeconds, String version, VersionInfo versionInfo) {
    this(id, cmd, args, user, env, instances, cpus, mem, disk, constraints, fetch, container, portDefinitions,
      requirePorts, healthChecks, readinessChecks, dependencies, upgradeStrategy, labels, backoffSeconds,
      backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, version,
      versionInfo, "", Secrets.NONE, null, null, null, null, null);
  }

  /** Its role: its own, or Marathon's ({@code mesosRole}) when it names none. */
  public String roleOr(String mesosRole) {
    return role == null ? mesosRole : role;
  }

  /** Whether its tasks may take resources reserved for {@code forRole} ({@code *}: reserved for no one). */
  public boolean accepts(String forRole) {
    return acceptedResourceRoles == null || acceptedResourceRoles.contains(forRole);
  }

  /** The path of the custom executor that runs the app's tasks, or null for the command executor. */
  public String customExecutor() {
    return executor == null || executor.isEmpty() || executor.equals(COMMAND_EXECUTOR) ? null : executor;
  }

  public static final int DEFAULT_INSTANCES = 1;
  /**
   * More instances than this is a typo or an attack (1e9 reads as a number): every instance is a task
   * the master and this scheduler track. Ten times the largest app the benchmarks run.
   */
  public static final int MAX_INSTANCES = 100_000;
  public static final double DEFAULT_CPUS = 1.0;
  public static final double DEFAULT_MEM = 128.0;
  public static final double DEFAULT_DISK = 0.0;
  public static final double DEFAULT_BACKOFF_SECONDS = 1.0;
  public static final double DEFAULT_BACKOFF_FACTOR = 1.15;
  public static final double DEFAULT_MAX_LAUNCH_DELAY_SECONDS = 300.0;

  public AppDefinition {
    Objects.requireNonNull(id, "id");
    args = List.copyOf(args);
    env = Map.copyOf(env);
    constraints = List.copyOf(constraints);
    fetch = List.copyOf(fetch);
    portDefinitions = List.copyOf(portDefinitions);
    healthChecks = List.copyOf(healthChecks);
    readinessChecks = List.copyOf(readinessChecks);
    dependencies = List.copyOf(dependencies);
    labels = Map.copyOf(labels);
    secrets = secrets == null ? Secrets.NONE : secrets;
    acceptedResourceRoles = acceptedResourceRoles == null ? null : List.copyOf(acceptedResourceRoles);
  }

  /** Whether it is a pod: {@code /v2/pods} shows it, {@code /v2/apps} does not. */
  public boolean isPod() {
    return pod != null;
  }

  public AppDefinition withPod(Pod newPod) {
    return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, constraints, fetch, container,
      portDefinitions, requirePorts, healthChecks, readinessChecks, dependencies, upgradeStrategy, labels,
      backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy,
      taskKillGracePeriodSeconds, version, versionInfo, executor, secrets, resourceLimits, role,
      acceptedResourceRoles, newPod, check);
  }

  public boolean isDocker() {
    return container != null && container.docker() != null;
  }

  /**
   * The host ports a task needs, in order; 0 asks for any free port. With {@code requirePorts}
   * the non-zero ports are the ports themselves; otherwise they are only service ports and every
   * entry is 0.
   */
  public List<Integer> hostPorts() {
    return hostPortDefinitions().stream().map(p -> requirePorts || mapsPorts() ? p.port() : 0).toList();
  }

  /**
   * What each of a task's host ports is, in the order of {@link #hostPorts()}: the port
   * definitions, or for a BRIDGE or USER container its mappings that ask for a host port (their {@code
   * hostPort} as the port).
   */
  public List<PortDefinition> hostPortDefinitions() {
    if (mapsPorts()) {
      return container.portMappings().stream()
        .filter(m -> m.hostPort() != null)
        .map(m -> new PortDefinition(m.hostPort(), m.protocol(), m.name(), m.labels()))
        .toList();
    }
    if (isDocker() && container.docker().network() == Container.Network.NONE) {
      return List.of();
    }
    return portDefinitions;
  }

  /** The service ports: of the port mappings for a BRIDGE or USER container, else of the port definitions. */
  public List<Integer> servicePorts() {
    if (mapsPorts()) {
      return container.portMappings().stream().map(PortMapping -> PortMapping.servicePort()).toList();
    }
    return portDefinitions.stream().map(PortDefinition::port).toList();
  }

  /** This app with {@code ports} as its service ports, in the order of {@link #servicePorts()}. */
  public AppDefinition withServicePorts(List<Integer> ports) {
    Container newContainer = container;
    List<PortDefinition> newDefinitions = portDefinitions;
    if (mapsPorts()) {
      java.util.Iterator<Integer> next = ports.iterator();
      newContainer = new Container(container.type(), container.docker(), container.portMappings().stream()
        .map(m -> new Container.PortMapping(m.containerPort(), m.hostPort(), next.next(), m.protocol(), m.name(),
          m.labels()))
        .toList(), container.volumes());
    } else {
      java.util.Iterator<Integer> next = ports.iterator();
      newDefinitions = portDefinitions.stream()
        .map(p -> new PortDefinition(next.next(), p.protocol(), p.name(), p.labels()))
        .toList();
    }
    return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, constraints, fetch, newContainer,
      newDefinitions, requirePorts, healthChecks, readinessChecks, dependencies, upgradeStrategy, labels,
      backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy,
      taskKillGracePeriodSeconds, version, versionInfo, executor, secrets, resourceLimits, role,
      acceptedResourceRoles, pod, check);
  }

  /** A container on Docker's bridge or a USER network: its ports are its port mappings. */
  private boolean mapsPorts() {
    return isDocker() && (container.docker().network() == Container.Network.BRIDGE
      || container.docker().network() == Container.Network.USER);
  }

  public AppDefinition withInstances(int instances) {
    return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, constraints, fetch, container,
      portDefinitions, requirePorts, healthChecks, readinessChecks, dependencies, upgradeStrategy, labels,
      backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy,
      taskKillGracePeriodSeconds, version, versionInfo, executor, secrets, resourceLimits, role,
      acceptedResourceRoles, pod, check);
  }

  public AppDefinition withRole(String newRole) {
    return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, constraints, fetch, container,
      portDefinitions, requirePorts, healthChecks, readinessChecks, dependencies, upgradeStrategy, labels,
      backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy,
      taskKillGracePeriodSeconds, version, versionInfo, executor, secrets, resourceLimits, newRole,
      acceptedResourceRoles, pod, check);
  }

  public AppDefinition withVersion(String version, VersionInfo versionInfo) {
    return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, constraints, fetch, container,
      portDefinitions, requirePorts, healthChecks, readinessChecks, dependencies, upgradeStrategy, labels,
      backoffSeconds, backoffFactor, maxLaunchDelaySeconds, killSelection, unreachableStrategy,
      taskKillGracePeriodSeconds, version, versionInfo, executor, secrets, resourceLimits, role,
      acceptedResourceRoles, pod, check);
  }

  /** True when the two differ only in instances and version: a scale, not a new configuration. */
  public boolean sameConfigAs(AppDefinition other) {
    return withInstances(0).withVersion(null, null).equals(other.withInstances(0).withVersion(null, null));
  }

  /** Which of an app's tasks go first when it scales down. */
  public enum KillSelection { YOUNGEST_FIRST, OLDEST_FIRST }

  /** A URI the agent fetches into the sandbox before the task starts. */
  public record FetchUri(String uri, boolean executable, boolean extract, boolean cache, String destPath) {
  }

  /** A port of a command or HOST-network app: 0 asks for any port. */
  public record PortDefinition(int port, String protocol, String name, Map<String, String> labels) {
    public PortDefinition {
      labels = Map.copyOf(labels);
    }
  }

  /** How a rolling upgrade may shrink below, or grow beyond, the instance count (fractions of it). */
  public record UpgradeStrategy(double minimumHealthCapacity, double maximumOverCapacity) {
    public static final UpgradeStrategy DEFAULT = new UpgradeStrategy(1.0, 1.0);
  }

  /**
   * What to do with tasks on an unreachable agent: after {@code inactiveAfterSeconds} a replacement
   * starts, after {@code expungeAfterSeconds} the unreachable task is given up. Disabled: never.
   */
  public record UnreachableStrategy(boolean enabled, long inactiveAfterSeconds, long expungeAfterSeconds) {
    public static final UnreachableStrategy DEFAULT = new UnreachableStrategy(true, 0, 0);
    public static final UnreachableStrategy DISABLED = new UnreachableStrategy(false, 0, 0);
  }

  /** When the app's instance count and its configuration last changed (ISO-8601 instants). */
  public record VersionInfo(String lastScalingAt, String lastConfigChangeAt) {
  }
}
