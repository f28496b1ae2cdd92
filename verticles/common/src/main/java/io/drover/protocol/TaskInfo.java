package io.drover.protocol;

import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** A task a framework launches on an agent, with the resources it holds there. */
@DataObject
public class TaskInfo {

  /** Mesos's default grace between SIGTERM and SIGKILL. */
  public static final double DEFAULT_KILL_GRACE_PERIOD_SECONDS = 3.0;

  private final String taskId;
  private final String name;
  private final String frameworkId;
  private final String agentId;
  private final Resources resources;
  private final CommandInfo command;
  private final ContainerInfo container;
  private final HealthCheck healthCheck;
  private final Map<String, String> labels;
  private final double killGracePeriodSeconds;
  private final DiscoveryInfo discovery;
  /** The framework's executor that runs the task, or null for the agent's command or Docker runner. */
  private final ExecutorInfo executor;
  /** The task group (LAUNCH_GROUP) it was launched in, all or nothing; null for a task of its own. */
  private final String group;
  /** Opaque bytes for the framework's executor (Mesos's {@code TaskInfo.data}), in base64; null for none. */
  private final String data;
  /** Carried to the agent, never kept: see {@link LaunchTrace}. */
  private final LaunchTrace trace;
  /** How far beyond its resources the kernel lets it go; null: to its resources. */
  private final ResourceLimits limits;
  /** The role its resources are allocated to: its offer's. */
  private final String role;
  /** The part of its resources taken from its role's reservation on the agent. */
  private final Resources reserved;
  /** The persistent volumes of its role it uses, each at its container path in the sandbox. */
  private final List<PersistentVolume> volumes;
  /** The directories it shares with the other tasks of its group, each at its container path in the sandbox. */
  private final List<SharedVolume> shared;
  /**
   * Its check (Mesos's {@code TaskInfo.check}): run as a health check is, but only reported, never
   * acted on; its grace period and failure count do not apply. Null for none.
   */
  private final HealthCheck check;

  public TaskInfo(String taskId, String name, String frameworkId, String agentId, Resources resources,
                  CommandInfo command, ContainerInfo container, HealthCheck healthCheck, Map<String, String> labels,
                  double killGracePeriodSeconds) {
    this(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, null, null, null, null, LaunchTrace.EMPTY, null, Roles.DEFAULT,
      Resources.EMPTY, List.of(), List.of(), null);
  }

  private TaskInfo(String taskId, String name, String frameworkId, String agentId, Resources resources,
                   CommandInfo command, ContainerInfo container, HealthCheck healthCheck, Map<String, String> labels,
                   double killGracePeriodSeconds, DiscoveryInfo discovery, ExecutorInfo executor, String group,
                   String data, LaunchTrace trace, ResourceLimits limits, String role, Resources reserved,
                   List<PersistentVolume> volumes, List<SharedVolume> shared, HealthCheck check) {
    this.taskId = taskId;
    this.name = name;
    this.frameworkId = frameworkId;
    this.agentId = agentId;
    this.resources = resources;
    this.command = command;
    this.container = container;
    this.healthCheck = healthCheck;
    this.labels = Map.copyOf(labels);
    this.killGracePeriodSeconds = killGracePeriodSeconds;
    this.discovery = discovery;
    this.executor = executor;
    this.group = group;
    this.data = data;
    this.trace = trace;
    this.limits = limits;
    this.role = role == null ? Roles.DEFAULT : role;
    this.reserved = reserved;
    this.volumes = List.copyOf(volumes);
    this.shared = List.copyOf(shared);
    this.check = check;
  }

  public TaskInfo(JsonObject json) {
    this(json.getString("task_id"), json.getString("name"), json.getString("framework_id"),
      json.getString("agent_id"), Json.resources(json.getJsonObject("resources")),
      json.containsKey("command") ? new CommandInfo(json.getJsonObject("command")) : null,
      json.containsKey("container") ? new ContainerInfo(json.getJsonObject("container")) : null,
      json.containsKey("health_check") ? new HealthCheck(json.getJsonObject("health_check")) : null,
      Json.strings(json.getJsonObject("labels")),
      json.getDouble("kill_grace_period_seconds", DEFAULT_KILL_GRACE_PERIOD_SECONDS),
      json.containsKey("discovery") ? DiscoveryInfo.fromJson(json.getJsonObject("discovery")) : null,
      json.containsKey("executor") ? new ExecutorInfo(json.getJsonObject("executor")) : null, json.getString("group"),
      json.getString("data"), LaunchTrace.fromJson(json.getJsonObject("trace")),
      ResourceLimits.fromJson(json.getJsonObject("limits")), json.getString("role"),
      Json.resources(json.getJsonObject("reserved")), PersistentVolume.fromJson(json.getJsonArray("volumes")),
      SharedVolume.fromJson(json.getJsonArray("shared_volumes")),
      json.containsKey("check") ? new HealthCheck(json.getJsonObject("check")) : null);
  }

  /** A shell task to launch on the agent of an offer. */
  public static TaskInfo command(String taskId, String agentId, Resources resources, String shellCommand) {
    return new TaskInfo(taskId, taskId, null, agentId, resources, CommandInfo.shell(shellCommand), null, null, Map.of(),
      DEFAULT_KILL_GRACE_PERIOD_SECONDS);
  }

  /** A Docker task; {@code shellCommand} may be null to run the image's own command. */
  public static TaskInfo docker(String taskId, String agentId, Resources resources, ContainerInfo container,
                                String shellCommand) {
    return new TaskInfo(taskId, taskId, null, agentId, resources,
      shellCommand == null ? null : CommandInfo.shell(shellCommand), container, null, Map.of(),
      DEFAULT_KILL_GRACE_PERIOD_SECONDS);
  }

  public TaskInfo withFrameworkId(String id) {
    return new TaskInfo(taskId, name, id, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits, role, reserved, volumes, shared, check);
  }

  public TaskInfo withKillGracePeriod(double seconds) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels, seconds,
      discovery, executor, group, data, trace, limits, role, reserved, volumes, shared, check);
  }

  public TaskInfo withCommand(CommandInfo newCommand) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, newCommand, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits, role, reserved, volumes, shared, check);
  }

  public TaskInfo withHealthCheck(HealthCheck newHealthCheck) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, newHealthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits, role, reserved, volumes, shared, check);
  }

  public TaskInfo withDiscovery(DiscoveryInfo info) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, info, executor, group, data, trace, limits, role, reserved, volumes, shared, check);
  }

  /** The same task run by the framework's {@code executor}, in task group {@code group} (null: none). */
  public TaskInfo withExecutor(ExecutorInfo newExecutor, String newGroup) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, newExecutor, newGroup, data, trace, limits,
      role, reserved, volumes, shared, check);
  }

  /** The same task with cpu and memory limits beyond its resources (null: its resources). */
  public TaskInfo withLimits(ResourceLimits newLimits) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, newLimits,
      role, reserved, volumes, shared, check);
  }

  /** Its limits beyond its resources, or null when the kernel holds it to its resources. */
  public ResourceLimits getLimits() {
    return limits;
  }

  /** The same task with its resources allocated to {@code newRole}. */
  public TaskInfo withRole(String newRole) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits,
      newRole, reserved, volumes, shared, check);
  }

  /** The role its resources are allocated to. */
  public String getRole() {
    return role;
  }

  /** The same task taking {@code part} of its resources from its role's reservation. */
  public TaskInfo withReserved(Resources part) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits, role, part, volumes, shared, check);
  }

  /** The part of its resources taken from its role's reservation on the agent. */
  public Resources getReserved() {
    return reserved;
  }

  /** The same task using {@code persistent} volumes. */
  public TaskInfo withVolumes(List<PersistentVolume> persistent) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits,
      role, reserved, persistent, shared, check);
  }

  /** The persistent volumes it uses. */
  public List<PersistentVolume> getVolumes() {
    return volumes;
  }

  /** The same task with a check that only reports ({@code null}: none). */
  public TaskInfo withCheck(HealthCheck newCheck) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits,
      role, reserved, volumes, shared, newCheck);
  }

  /** Its check, which only reports; null for none. */
  public HealthCheck getCheck() {
    return check;
  }

  /** The same task sharing {@code volumes} with the other tasks of its group. */
  public TaskInfo withSharedVolumes(List<SharedVolume> volumes) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, trace, limits,
      role, reserved, this.volumes, volumes, check);
  }

  /** The directories it shares with the other tasks of its group. */
  public List<SharedVolume> getSharedVolumes() {
    return shared;
  }

  /** The same task carrying {@code base64} for its executor (Mesos's {@code TaskInfo.data}). */
  public TaskInfo withData(String base64) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, base64, trace, limits,
      role, reserved, volumes, shared, check);
  }

  /** The same task with {@code hop} passed at {@code epochMicros}, when it is traced; else this one. */
  public TaskInfo passed(LaunchTrace.Hop hop, long epochMicros) {
    return trace.isEmpty() ? this : withTrace(trace.at(hop, epochMicros));
  }

  /** The same task with its launch trace ({@link LaunchTrace#EMPTY} to carry none). */
  public TaskInfo withTrace(LaunchTrace newTrace) {
    return new TaskInfo(taskId, name, frameworkId, agentId, resources, command, container, healthCheck, labels,
      killGracePeriodSeconds, discovery, executor, group, data, newTrace, limits,
      role, reserved, volumes, shared, check);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("task_id", taskId).put("name", name).put("framework_id", frameworkId)
      .put("agent_id", agentId).put("resources", Json.resources(resources)).put("labels", Json.object(labels))
      .put("kill_grace_period_seconds", killGracePeriodSeconds);
    if (command != null) {
      json.put("command", command.toJson());
    }
    if (container != null) {
      json.put("container", container.toJson());
    }
    if (healthCheck != null) {
      json.put("health_check", healthCheck.toJson());
    }
    if (discovery != null) {
      json.put("discovery", discovery.toJson());
    }
    if (executor != null) {
      json.put("executor", executor.toJson());
    }
    if (group != null) {
      json.put("group", group);
    }
    if (data != null) {
      json.put("data", data);
    }
    if (!trace.isEmpty()) {
      json.put("trace", trace.toJson());
    }
    if (!role.equals(Roles.DEFAULT)) {
      json.put("role", role);
    }
    if (!reserved.isEmpty()) {
      json.put("reserved", Json.resources(reserved));
    }
    if (!volumes.isEmpty()) {
      json.put("volumes", PersistentVolume.toJson(volumes));
    }
    if (!shared.isEmpty()) {
      json.put("shared_volumes", SharedVolume.toJson(shared));
    }
    if (check != null) {
      json.put("check", check.toJson());
    }
    if (limits != null) {
      json.put("limits", limits.toJson());
    }
    return json;
  }

  /** Task ids are unique per framework, so tasks are keyed by both: {@code framework/task}. */
  public static String key(String frameworkId, String taskId) {
    return frameworkId + "/" + taskId;
  }

  public String key() {
    return key(frameworkId, taskId);
  }

  public String getTaskId() {
    return taskId;
  }

  public String getName() {
    return name;
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  public String getAgentId() {
    return agentId;
  }

  public Resources resources() {
    return resources;
  }

  public CommandInfo getCommand() {
    return command;
  }

  /** How the agent checks the task's health, or null for no checks. */
  public HealthCheck getHealthCheck() {
    return healthCheck;
  }

  public LaunchTrace getTrace() {
    return trace;
  }

  /** How service discovery finds the task (Mesos's {@code DiscoveryInfo}), or null. */
  public DiscoveryInfo getDiscovery() {
    return discovery;
  }

  /** The framework's executor that runs the task, or null for the agent's command or Docker runner. */
  public ExecutorInfo getExecutor() {
    return executor;
  }

  /** Bytes for the framework's executor, in base64, or null. */
  public String getData() {
    return data;
  }

  /** The task group it was launched in (all or nothing), or null. */
  public String getGroup() {
    return group;
  }

  /** The container to run in, or null for a plain command task. */
  public ContainerInfo getContainer() {
    return container;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public double getKillGracePeriodSeconds() {
    return killGracePeriodSeconds;
  }
}
