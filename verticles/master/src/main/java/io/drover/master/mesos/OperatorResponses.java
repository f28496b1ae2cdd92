package io.drover.master.mesos;

import io.drover.allocator.RoleQuota;
import io.drover.master.state.AgentDrain;
import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.MasterView;
import io.drover.master.view.RoleView;
import io.drover.master.view.TaskView;
import io.drover.mesos.MesosResources;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.Offer;
import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.master.Protos.Response;

import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaInfo;
import org.apache.mesos.v1.quota.Protos.QuotaStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A view of the master as the operator API's {@code Response} messages (Mesos 1.11's
 * {@code master.proto}), built from the same translations the scheduler API uses.
 */
public final class OperatorResponses {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** How much of a shell command Mesos's agent shows in a command executor's name. */
  private static final int COMMAND_SHOWN = 15;

  private final Function<String, Optional<String>> agentIp;

  /** @param agentIp an agent's IP address by its id, where known, for the network info of task statuses */
  public OperatorResponses(Function<String, Optional<String>> agentIp) {
    this.agentIp = agentIp;
  }

  public Response health(boolean healthy) {
    return Response.newBuilder().setType(Response.Type.GET_HEALTH)
      .setGetHealth(Response.GetHealth.newBuilder().setHealthy(healthy)).build();
  }

  public Response flags(Map<String, String> flags) {
    Response.GetFlags.Builder list = Response.GetFlags.newBuilder();
    flags.forEach((name, value) -> list.addFlags(Protos.Flag.newBuilder().setName(name).setValue(value)));
    return Response.newBuilder().setType(Response.Type.GET_FLAGS).setGetFlags(list).build();
  }

  public Response version() {
    return Response.newBuilder().setType(Response.Type.GET_VERSION).setGetVersion(Response.GetVersion.newBuilder()
      .setVersionInfo(Protos.VersionInfo.newBuilder().setVersion(MesosAnnouncement.MESOS_VERSION))).build();
  }

  /** @param metrics {@code /metrics/snapshot}: every value a number */
  public Response metrics(JsonObject metrics) {
    Response.GetMetrics.Builder list = Response.GetMetrics.newBuilder();
    metrics.forEach(entry -> list.addMetrics(Protos.Metric.newBuilder().setName(entry.getKey())
      .setValue(((Number) entry.getValue()).doubleValue())));
    return Response.newBuilder().setType(Response.Type.GET_METRICS).setGetMetrics(list).build();
  }

  /** @param level glog's verbosity, as Mesos answers it */
  public Response loggingLevel(int level) {
    return Response.newBuilder().setType(Response.Type.GET_LOGGING_LEVEL)
      .setGetLoggingLevel(Response.GetLoggingLevel.newBuilder().setLevel(level)).build();
  }

  /** Drover applies no offer operations but launches, which are no operations: there are none to list. */
  public Response operations() {
    return Response.newBuilder().setType(Response.Type.GET_OPERATIONS)
      .setGetOperations(Response.GetOperations.newBuilder()).build();
  }

  public Response master(MasterView view, Protos.MasterInfo info) {
    Response.GetMaster.Builder master = Response.GetMaster.newBuilder().setMasterInfo(info)
      .setStartTime(view.startTime());
    view.term().ifPresent(term -> master.setElectedTime(term.getElectedTime()));
    return Response.newBuilder().setType(Response.Type.GET_MASTER).setGetMaster(master).build();
  }

  public Response state(MasterView view) {
    return Response.newBuilder().setType(Response.Type.GET_STATE).setGetState(getState(view)).build();
  }

  public Response agents(MasterView view) {
    return Response.newBuilder().setType(Response.Type.GET_AGENTS).setGetAgents(getAgents(view)).build();
  }

  public Response frameworks(MasterView view) {
    return Response.newBuilder().setType(Response.Type.GET_FRAMEWORKS).setGetFrameworks(getFrameworks(view)).build();
  }

  public Response executors(MasterView view) {
    return Response.newBuilder().setType(Response.Type.GET_EXECUTORS).setGetExecutors(getExecutors(view)).build();
  }

  public Response tasks(MasterView view) {
    return Response.newBuilder().setType(Response.Type.GET_TASKS).setGetTasks(getTasks(view)).build();
  }

  /** The roles with their weights, frameworks and what their tasks hold. */
  public Response roles(MasterView view) {
    Response.GetRoles.Builder roles = Response.GetRoles.newBuilder();
    for (RoleView role : view.roles()) {
      roles.addRoles(Protos.Role.newBuilder().setName(role.name()).setWeight(role.weight())
        .addAllResources(MesosResources.toProto(role.allocated()))
        .addAllFrameworks(role.frameworks().stream().map(OperatorResponses::frameworkId).toList()));
    }
    return Response.newBuilder().setType(Response.Type.GET_ROLES).setGetRoles(roles).build();
  }

  public Response quota(MasterView view) {
    return Response.newBuilder().setType(Response.Type.GET_QUOTA)
      .setGetQuota(Response.GetQuota.newBuilder().setStatus(quotaStatus(view.quotas()))).build();
  }

  /**
   * The quotas as Mesos 1.11 reports them: a config per role, and the deprecated info listing its
   * guarantees, for tools that still read those.
   */
  public static QuotaStatus quotaStatus(Map<String, RoleQuota> quotas) {
    QuotaStatus.Builder status = QuotaStatus.newBuilder();
    quotas.forEach((role, quota) -> {
      status.addInfos(QuotaInfo.newBuilder().setRole(role).addAllGuarantee(MesosResources.toProto(quota.guarantees())));
      status.addConfigs(QuotaConfig.newBuilder().setRole(role).putAllGuarantees(scalars(quota.guarantees()))
        .putAllLimits(scalars(quota.limits())));
    });
    return status.build();
  }

  private static Map<String, Protos.Value.Scalar> scalars(Resources resources) {
    Map<String, Protos.Value.Scalar> scalars = new TreeMap<>();
    resources.scalars().forEach((name, value) -> scalars.put(name, Protos.Value.Scalar.newBuilder().setValue(value).build()));
    return scalars;
  }

  /** The weights set by flag or update; roles not listed weigh 1. */
  public Response weights(MasterView view) {
    Response.GetWeights.Builder weights = Response.GetWeights.newBuilder();
    view.weights().forEach((role, weight) ->
      weights.addWeightInfos(Protos.WeightInfo.newBuilder().setRole(role).setWeight(weight)));
    return Response.newBuilder().setType(Response.Type.GET_WEIGHTS).setGetWeights(weights).build();
  }

  Response.GetState getState(MasterView view) {
    return Response.GetState.newBuilder().setGetTasks(getTasks(view)).setGetExecutors(getExecutors(view))
      .setGetFrameworks(getFrameworks(view)).setGetAgents(getAgents(view)).build();
  }

  /** Agents the leader counts as registered; unreachable ones Mesos lists in none of these. */
  private Response.GetAgents getAgents(MasterView view) {
    Response.GetAgents.Builder agents = Response.GetAgents.newBuilder();
    view.agents().stream().filter(AgentView::reachable).forEach(a -> agents.addAgents(agent(a)));
    return agents.build();
  }

  private Response.GetFrameworks getFrameworks(MasterView view) {
    Response.GetFrameworks.Builder frameworks = Response.GetFrameworks.newBuilder();
    view.frameworks().forEach(f -> frameworks.addFrameworks(framework(f)));
    return frameworks.build();
  }

  /**
   * Each task's executor: a framework's own once per agent, a command task's named after the task as
   * Mesos's command executor is.
   */
  private Response.GetExecutors getExecutors(MasterView view) {
    Response.GetExecutors.Builder executors = Response.GetExecutors.newBuilder();
    Set<String> listed = new HashSet<>();
    for (TaskView task : view.tasks()) {
      ExecutorInfo own = task.info().getExecutor();
      if (own != null && !listed.add(task.agentId() + "/" + ExecutorInfo.key(task.frameworkId(), own.getExecutorId()))) {
        continue;
      }
      executors.addExecutors(Response.GetExecutors.Executor.newBuilder()
        .setAgentId(Protos.AgentID.newBuilder().setValue(task.agentId()))
        .setExecutorInfo(Protos.ExecutorInfo.newBuilder()
          .setExecutorId(Protos.ExecutorID.newBuilder().setValue(MesosTasks.executorId(task.info())))
          .setFrameworkId(frameworkId(task.frameworkId()))
          .setName(own != null ? own.getName() : commandExecutorName(task))
          .addAllResources(own != null ? MesosResources.toProto(own.resources()) : List.of())
          .setSource(own != null ? own.getExecutorId() : task.id())));
    }
    return executors.build();
  }

  /** As Mesos's agent names a command executor: the task, and the start of a shell command. */
  static String commandExecutorName(TaskView task) {
    CommandInfo command = task.info().getCommand();
    String what = "NO EXECUTABLE";
    if (command != null && command.isShell() && command.getValue() != null) {
      String value = command.getValue();
      what = "sh -c '" + (value.length() > COMMAND_SHOWN ? value.substring(0, COMMAND_SHOWN - 3) + "..." : value) + "'";
    }
    return "Command Executor (Task: " + task.id() + ") (Command: " + what + ")";
  }

  /** Active tasks; unreachable ones apart, as Mesos keeps them; then the finished ones the master remembers. */
  private Response.GetTasks getTasks(MasterView view) {
    Response.GetTasks.Builder tasks = Response.GetTasks.newBuilder();
    for (TaskView task : view.tasks()) {
      if (task.state() == io.drover.protocol.TaskState.TASK_UNREACHABLE) {
        tasks.addUnreachableTasks(task(task));
      } else {
        tasks.addTasks(task(task));
      }
    }
    view.completed().forEach(t -> tasks.addCompletedTasks(task(t)));
    return tasks.build();
  }

  Protos.Task task(TaskView task) {
    return MesosTasks.toProto(task.info(), task.latest(), agentIp);
  }

  Response.GetAgents.Agent agent(AgentView agent) {
    Protos.AgentInfo.Builder info = Protos.AgentInfo.newBuilder()
      .setId(Protos.AgentID.newBuilder().setValue(agent.id()))
      .setHostname(agent.info().getHostname())
      .setPort(agent.info().getPort())
      .addAllResources(MesosResources.toProto(agent.info().resources()))
      .addAllAttributes(MesosResources.toProto(agent.info().attributes()));
    Response.GetAgents.Agent.Builder proto = Response.GetAgents.Agent.newBuilder()
      .setAgentInfo(info)
      .setActive(agent.active())
      .setDeactivated(agent.deactivated())
      .setVersion(MesosAnnouncement.MESOS_VERSION)
      .setPid("slave(1)@" + agent.info().getHostname() + ":" + agent.info().getPort())
      .setRegisteredTime(time(agent.registeredTime()))
      .addAllTotalResources(MesosResources.toProto(agent.info().resources()))
      .addAllAllocatedResources(MesosResources.toProto(agent.used()))
      .addAllOfferedResources(MesosResources.toProto(agent.offered()));
    if (agent.drain() != null) {
      proto.setDrainInfo(drainInfo(agent.drain()));
    }
    return proto.build();
  }

  static Protos.DrainInfo drainInfo(AgentDrain drain) {
    Protos.DrainConfig.Builder config = Protos.DrainConfig.newBuilder().setMarkGone(drain.markGone());
    if (drain.maxGracePeriodSeconds() != null) {
      config.setMaxGracePeriod(Protos.DurationInfo.newBuilder()
        .setNanoseconds(Math.round(drain.maxGracePeriodSeconds() * NANOS_PER_SECOND)));
    }
    return Protos.DrainInfo.newBuilder().setState(Protos.DrainState.valueOf(drain.state().name()))
      .setConfig(config).build();
  }

  Response.GetFrameworks.Framework framework(FrameworkView framework) {
    Resources allocated = framework.tasks().stream().map(t -> t.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    Resources offered = framework.offers().stream().map(Offer::resources).reduce(Resources.EMPTY, Resources::plus);
    Response.GetFrameworks.Framework.Builder proto = Response.GetFrameworks.Framework.newBuilder()
      .setFrameworkInfo(frameworkInfo(framework.info()))
      .setActive(framework.connected() && !framework.suppressed())
      .setConnected(framework.connected())
      .setRecovered(false)
      .setRegisteredTime(time(framework.registeredTime()))
      .addAllAllocatedResources(MesosResources.toProto(allocated))
      .addAllOfferedResources(MesosResources.toProto(offered));
    framework.offers().forEach(o -> proto.addOffers(MesosEvents.offer(o)));
    return proto.build();
  }

  static Protos.FrameworkInfo frameworkInfo(FrameworkInfo info) {
    Protos.FrameworkInfo.Builder proto = Protos.FrameworkInfo.newBuilder()
      .setId(frameworkId(info.getId()))
      .setName(info.getName())
      .setUser(info.getUser() == null ? "" : info.getUser())
      .setFailoverTimeout(info.getFailoverTimeoutSeconds());
    if (info.getHostname() != null) {
      proto.setHostname(info.getHostname());
    }
    if (info.getWebuiUrl() != null) {
      proto.setWebuiUrl(info.getWebuiUrl());
    }
    // a framework in the default role alone reads the same with or without MULTI_ROLE
    if (!info.roles().equals(List.of(Roles.DEFAULT))) {
      proto.addAllRoles(info.roles()).addCapabilities(Protos.FrameworkInfo.Capability.newBuilder()
        .setType(Protos.FrameworkInfo.Capability.Type.MULTI_ROLE));
    }
    return proto.build();
  }

  private static Protos.FrameworkID frameworkId(String id) {
    return Protos.FrameworkID.newBuilder().setValue(id).build();
  }

  private static Protos.TimeInfo time(double epochSeconds) {
    return Protos.TimeInfo.newBuilder().setNanoseconds(Math.round(epochSeconds * NANOS_PER_SECOND)).build();
  }
}
