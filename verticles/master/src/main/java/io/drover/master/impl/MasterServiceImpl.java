package io.drover.master.impl;

import io.drover.allocator.RoleQuota;
import io.drover.master.Leadership;
import io.drover.master.state.InverseOfferBook;
import io.drover.master.MasterMetrics;
import io.drover.master.UiChange;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.master.state.MasterState;
import io.drover.master.state.ReservationChecks;
import io.drover.master.state.TaskBook.Task;
import io.drover.master.state.VolumeChecks;
import io.drover.protocol.AcknowledgeUpdate;
import io.drover.protocol.AgentCommand;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.Filters;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.Ids;
import io.drover.protocol.Json;
import io.drover.protocol.KillTask;
import io.drover.protocol.KnownTask;
import io.drover.protocol.LaunchTasks;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.MasterService;
import io.drover.protocol.Offer;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.SharedVolume;
import io.drover.protocol.Subscribed;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.RangeSet;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The leader's framework API. Every call is checked in full before anything changes, so a rejected
 * call changes nothing; errors carry an HTTP-like code and a message naming the problem.
 */
public final class MasterServiceImpl implements MasterService {

  private static final Logger LOG = Logger.getLogger(MasterServiceImpl.class.getName());
  static final int BAD_REQUEST = 400;
  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;
  static final int UNAVAILABLE = 503;

  private final Leadership leadership;
  private final MasterState state;
  private final String masterId;
  private final double heartbeatIntervalSeconds;
  private final MasterMetrics metrics;

  public MasterServiceImpl(Leadership leadership, MasterState state, String masterId, double heartbeatIntervalSeconds,
                           MasterMetrics metrics) {
    this.leadership = leadership;
    this.metrics = metrics;
    this.state = state;
    this.masterId = masterId;
    this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
  }

  @Override
  public Future<Subscribed> subscribe(FrameworkInfo info) {
    metrics.increment(MasterMetrics.REGISTER_FRAMEWORK);
    if (info == null || info.getName() == null || info.getName().isBlank()) {
      return ServiceException.fail(BAD_REQUEST, "a framework needs a name");
    }
    String invalid = info.getId() == null ? null : Ids.problem("framework id", info.getId());
    if (invalid != null) {
      return ServiceException.fail(BAD_REQUEST, invalid);
    }
    String badRoles = info.rolesProblem();
    if (badRoles != null) {
      return ServiceException.fail(BAD_REQUEST, badRoles);
    }
    if (info.getId() != null && state.frameworks.wasRemoved(info.getId())) {
      return ServiceException.fail(CONFLICT, "framework " + info.getId() + " was removed and cannot come back");
    }
    FrameworkInfo framework = info.getId() == null
      ? info.withId(UUID.randomUUID() + "-" + leadership.epoch()) : info;
    boolean returning = state.frameworks.get(framework.getId()).isPresent();
    state.frameworks.subscribe(framework, System.currentTimeMillis());
    LOG.info(() -> (returning ? "re-subscribed" : "subscribed") + " framework " + framework.getId() + " ("
      + framework.getName() + ")");
    state.frameworks.get(framework.getId()).ifPresent(f -> leadership.ui().framework(f, UiChange.SUBSCRIBED));
    leadership.maintenance().subscribed(framework.getId());
    leadership.requestAllocation();
    return Future.succeededFuture(new Subscribed(framework.getId(), masterId, leadership.epoch(),
      heartbeatIntervalSeconds));
  }

  @Override
  public Future<Void> accept(String frameworkId, List<String> offerIds, List<TaskInfo> tasks, Filters filters) {
    return acceptWithReservations(frameworkId, offerIds, new JsonObject(), tasks, filters);
  }

  @Override
  public Future<Void> acceptWithReservations(String frameworkId, List<String> offerIds, JsonObject reservations,
                                             List<TaskInfo> tasks, Filters filters) {
    metrics.increment(MasterMetrics.LAUNCH_TASKS);
    Framework framework = state.frameworks.connected(frameworkId).orElse(null);
    if (framework == null) {
      return ServiceException.fail(NOT_FOUND, "framework " + frameworkId + " is not subscribed");
    }
    if (offerIds == null || offerIds.isEmpty()) {
      return ServiceException.fail(BAD_REQUEST, "accept names no offers");
    }
    List<Offer> offers = new ArrayList<>();
    for (String offerId : new HashSet<>(offerIds)) {
      Offer offer = state.offers.get(offerId).orElse(null);
      if (offer == null || !offer.getFrameworkId().equals(frameworkId)) {
        return ServiceException.fail(NOT_FOUND, "unknown offer " + offerId + " (rescinded, already used or never made)");
      }
      offers.add(offer);
    }
    String agentId = offers.get(0).getAgentId();
    if (offers.stream().anyMatch(o -> !o.getAgentId().equals(agentId))) {
      return ServiceException.fail(BAD_REQUEST, "offers of different agents cannot be accepted together");
    }
    String role = offers.get(0).getRole();
    if (offers.stream().anyMatch(o -> !o.getRole().equals(role))) {
      return ServiceException.fail(BAD_REQUEST, "offers made for different roles cannot be accepted together");
    }
    Resources offered = offers.stream().map(Offer::resources).reduce(Resources.EMPTY, Resources::plus);
    Resources offeredReserved = offers.stream().map(Offer::reserved).reduce(Resources.EMPTY, Resources::plus);
    Resources reserve;
    Resources unreserve;
    List<PersistentVolume> create;
    List<PersistentVolume> destroy;
    try {
      reserve = Json.resources(reservations.getJsonObject("reserve"));
      unreserve = Json.resources(reservations.getJsonObject("unreserve"));
      create = PersistentVolume.fromJson(reservations.getJsonArray("create"));
      destroy = PersistentVolume.fromJson(reservations.getJsonArray("destroy"));
    } catch (ClassCastException | IllegalArgumentException bad) {
      return ServiceException.fail(BAD_REQUEST, "invalid reservation: " + bad.getMessage());
    }
    Agent agent = state.agents.get(agentId).orElse(null);
    if (agent == null) {
      return ServiceException.fail(NOT_FOUND, "unknown agent " + agentId);
    }
    String badReservation = ReservationChecks.problem(role, reserve, unreserve, offered.minus(offeredReserved),
      offeredReserved, agent.dynamic().of(role));
    if (badReservation != null) {
      return ServiceException.fail(BAD_REQUEST, badReservation);
    }
    Resources reservedFree = offeredReserved.plus(reserve).minus(unreserve);
    List<PersistentVolume> offeredVolumes = offers.stream().flatMap(o -> o.volumes().stream()).toList();
    String badVolumes = VolumeChecks.problem(role, create, destroy, reservedFree, offeredVolumes, agent.volumes());
    List<TaskInfo> withVolumes = new ArrayList<>();
    if (badVolumes == null) {
      badVolumes = VolumeChecks.resolve(tasks == null ? List.of() : tasks,
        VolumeChecks.usable(offeredVolumes, create, destroy), withVolumes);
    }
    if (badVolumes != null) {
      return ServiceException.fail(BAD_REQUEST, badVolumes);
    }
    // a created volume takes its disk from the reservation, a destroyed one gives it back
    Resources volumeDisk = PersistentVolume.disk(create);
    Resources freedDisk = PersistentVolume.disk(destroy);
    List<TaskInfo> launches = new ArrayList<>();
    List<TaskStatus> invalid = new ArrayList<>();
    String problem = checkTasks(frameworkId, agentId, role, withVolumes, offered.minus(volumeDisk).plus(freedDisk),
      reservedFree.minus(volumeDisk).plus(freedDisk), launches, invalid);
    if (problem != null) {
      return ServiceException.fail(BAD_REQUEST, problem);
    }
    if (!reserve.isEmpty() || !unreserve.isEmpty() || !create.isEmpty() || !destroy.isEmpty()) {
      leadership.checkpoint(agent, agent.dynamic().plus(role, reserve).minus(role, unreserve),
        VolumeChecks.after(agent.volumes(), create, destroy));
    }
    Resources used = launches.stream().map(TaskInfo::resources).reduce(Resources.EMPTY, Resources::plus);
    offers.forEach(o -> state.offers.remove(o.getId()).ifPresent(gone -> leadership.ui().offer(gone, UiChange.ACCEPTED)));
    double refuse = filters == null ? Filters.DEFAULT_REFUSE_SECONDS : filters.getRefuseSeconds();
    if (!offered.minus(used).isEmpty() && refuse > 0) {
      state.offers.refuse(frameworkId, role, agentId, System.currentTimeMillis() + (long) (refuse * 1000));
    }
    invalid.forEach(leadership::forward);
    if (!launches.isEmpty()) {
      launch(framework.info(), agentId, launches);
    }
    leadership.requestAllocation();
    return Future.succeededFuture();
  }

  /**
   * Checks every task against the offers. A problem of the call (ids, agents, resources) is
   * returned and rejects the whole call; a task that is itself malformed (its command or container)
   * is not launched and ends TASK_ERROR, as in Mesos, while the others go ahead. Fills
   * {@code launches} and {@code invalid}.
   */
  private String checkTasks(String frameworkId, String agentId, String role, List<TaskInfo> tasks, Resources offered,
                            Resources offeredReserved, List<TaskInfo> launches, List<TaskStatus> invalid) {
    Set<String> ids = new HashSet<>();
    Set<String> executors = new HashSet<>();
    Set<String> invalidGroups = new HashSet<>();
    Resources wanted = Resources.EMPTY;
    Resources wantedReserved = Resources.EMPTY;
    for (TaskInfo task : tasks) {
      String id = task.getTaskId();
      String badId = Ids.problem("task_id", id);
      if (badId != null) {
        return badId;
      }
      if (!ids.add(id) || state.tasks.isActive(frameworkId, id)) {
        return "task id " + id + " is already in use";
      }
      if (task.getAgentId() != null && !task.getAgentId().equals(agentId)) {
        return "task " + id + " names agent " + task.getAgentId() + " but the offers are of agent " + agentId;
      }
      boolean inDefaultGroup = task.getExecutor() != null && task.getExecutor().getType() == ExecutorInfo.Type.DEFAULT;
      String command = !task.getSharedVolumes().isEmpty() && !inDefaultGroup
        ? "has shared volumes, which only the tasks of a DEFAULT executor's group have"
        : task.getExecutor() != null ? executorProblem(task)
        : task.getContainer() != null ? containerProblem(task) : commandProblem(task.getCommand());
      if (command == null && task.getLimits() != null && belowResources(task)) {
        command = "has a limit below the resources it asks for";
      }
      if (command != null) {
        if (task.getGroup() != null) {
          invalidGroups.add(task.getGroup());
        }
        invalid.add(TaskStatus.fromMaster(id, frameworkId, agentId, TaskState.TASK_ERROR, TaskReason.REASON_TASK_INVALID,
          "task " + id + " " + command));
        continue;
      }
      if (task.resources().cpus() <= 0 && task.resources().mem() <= 0) {
        return "task " + id + " asks for no cpus and no mem";
      }
      for (String name : task.resources().rangeSets().keySet()) {
        RangeSet taken = wanted.ranges(name);
        RangeSet asked = task.resources().ranges(name);
        if (taken.plus(asked).size() < taken.size() + asked.size()) {
          // ranges add as sets: two tasks on one port would fit "twice" without this check
          return "task " + id + " asks for " + name + " " + asked + " that another task of this call holds";
        }
      }
      if (!task.resources().contains(task.getReserved())) {
        return "task " + id + " takes " + task.getReserved() + " from its role's reservation, more than it asks for";
      }
      wanted = wanted.plus(task.resources());
      wantedReserved = wantedReserved.plus(task.getReserved());
      ExecutorInfo executor = task.getExecutor();
      // an executor's resources come with its first task on the agent, and stay while it has tasks there
      if (executor != null && executors.add(executor.getExecutorId())
        && !state.tasks.executorActive(agentId, frameworkId, executor.getExecutorId())) {
        wanted = wanted.plus(executor.resources());
      }
      launches.add(new TaskInfo(id, task.getName() == null ? id : task.getName(), frameworkId, agentId,
        task.resources(), task.getCommand(), task.getContainer(), task.getHealthCheck(), task.getLabels(),
        task.getKillGracePeriodSeconds()).withDiscovery(task.getDiscovery()).withExecutor(executor, task.getGroup())
        .withData(task.getData()).withTrace(task.getTrace()).withLimits(task.getLimits()).withRole(role)
        .withReserved(task.getReserved()).withVolumes(task.getVolumes()).withSharedVolumes(task.getSharedVolumes()).withCheck(task.getCheck()));
    }
    // a task group runs all or nothing (LAUNCH_GROUP): one malformed task keeps the others back
    launches.removeIf(task -> {
      boolean held = task.getGroup() != null && invalidGroups.contains(task.getGroup());
      if (held) {
        invalid.add(TaskStatus.fromMaster(task.getTaskId(), frameworkId, agentId, TaskState.TASK_ERROR,
          TaskReason.REASON_TASK_GROUP_INVALID, "task " + task.getTaskId() + " is in a task group with an invalid task"));
      }
      return held;
    });
    if (!offered.contains(wanted)) {
      return "tasks need more than the offers hold: " + String.join("; ",
        offered.shortfall(wanted).stream().map(Object::toString).toList());
    }
    if (!offeredReserved.contains(wantedReserved)) {
      return "tasks take more of role " + role + "'s reservation than the offers hold of it: " + String.join("; ",
        offeredReserved.shortfall(wantedReserved).stream().map(Object::toString).toList());
    }
    Resources forAnyone = offered.minus(offeredReserved);
    Resources wantedForAnyone = wanted.minus(wantedReserved);
    if (!forAnyone.contains(wantedForAnyone)) {
      return "tasks need more unreserved resources than the offers hold: " + String.join("; ",
        forAnyone.shortfall(wantedForAnyone).stream().map(Object::toString).toList());
    }
    return null;
  }

  /**
   * A task of a CUSTOM executor brings no command of its own, the executor does (or a container);
   * the agent's DEFAULT executor runs the commands of a task group's tasks.
   */
  private static String executorProblem(TaskInfo task) {
    ExecutorInfo executor = task.getExecutor();
    String badId = Ids.problem("executor_id", executor.getExecutorId());
    if (badId != null) {
      return "has an executor whose " + badId;
    }
    if (executor.getType() == ExecutorInfo.Type.DEFAULT) {
      if (task.getGroup() == null) {
        return "names the DEFAULT executor, which runs task groups (LAUNCH_GROUP) only";
      }
      String shared = task.getSharedVolumes().stream().map(SharedVolume::problem).filter(Objects::nonNull)
        .findFirst().orElse(null);
      if (shared == null && !task.getSharedVolumes().isEmpty() && task.getContainer() != null) {
        shared = "has shared volumes and a container: only command tasks share volumes here";
      }
      if (shared != null) {
        return shared;
      }
      return task.getContainer() != null ? containerProblem(task) : commandProblem(task.getCommand());
    }
    if (task.getCommand() != null || task.getContainer() != null) {
      return "has both an executor and a command or container of its own: give one";
    }
    if (executor.getContainer() != null && executor.getCommand() == null) {
      return null;
    }
    String command = commandProblem(executor.getCommand());
    return command == null ? null : "has an executor that " + command;
  }

  /** A container task may leave out the command (the image's own runs), but needs an image. */
  private static String containerProblem(TaskInfo task) {
    ContainerInfo container = task.getContainer();
    if (container.getImage() == null || container.getImage().isBlank()) {
      return "has a container without an image";
    }
    for (ContainerInfo.PortMapping mapping : container.getPortMappings()) {
      if (!task.resources().ports().contains(mapping.hostPort())) {
        return "maps host port " + mapping.hostPort() + ", which is not among its ports " + task.resources().ports();
      }
    }
    return task.getCommand() == null ? null : commandProblem(task.getCommand());
  }

  /** Mesos: a limit is at least the resource it bounds (cpus and mem; unlimited is above every request). */
  private static boolean belowResources(TaskInfo task) {
    return task.getLimits().cpusOver(task.resources().cpus()) < task.resources().cpus()
      || task.getLimits().memOver(task.resources().mem()) < task.resources().mem();
  }

  private static String commandProblem(CommandInfo command) {
    if (command == null) {
      return "has no command";
    }
    boolean hasValue = command.getValue() != null && !command.getValue().isBlank();
    boolean hasArguments = !command.getArguments().isEmpty();
    if (command.isShell() && hasArguments) {
      return "has both a shell command and arguments (cmd and args): give one";
    }
    if (command.isShell() && !hasValue) {
      return "has an empty shell command";
    }
    if (!command.isShell() && !hasArguments) {
      return "has neither a command nor arguments (cmd or args) to execute";
    }
    return null;
  }

  /** One LAUNCH for all the tasks of an accept: they are staged here first, then sent together. */
  private void launch(FrameworkInfo framework, String agentId, List<TaskInfo> tasks) {
    for (TaskInfo task : tasks) {
      TaskStatus staging = TaskStatus.fromMaster(task.getTaskId(), task.getFrameworkId(), agentId,
        TaskState.TASK_STAGING, null, "launching");
      state.tasks.launch(task, staging);
      leadership.forward(staging);
    }
    long sent = LaunchTrace.nowMicros();
    List<TaskInfo> traced = tasks.stream().map(t -> t.passed(LaunchTrace.Hop.LAUNCH_SENT, sent)).toList();
    leadership.toAgent(AgentCommand.LAUNCH, new LaunchTasks(agentId, traced, framework))
      .onSuccess(answer -> LaunchTasks.refusals(answer instanceof JsonObject json ? json : null)
        .forEach((taskId, why) -> drop(framework.getId(), taskId, agentId, "launch refused by the agent: " + why)))
      .onFailure(e -> {
        // no agent process answered: the launch surely did not happen. A timeout proves nothing
        // either way: the agent re-registers, and a launch it does not report then is lost.
        boolean undelivered = e instanceof ReplyException r && r.failureType() != ReplyFailure.TIMEOUT;
        if (!undelivered) {
          leadership.askToRegister(agentId);
        } else {
          tasks.forEach(task -> drop(framework.getId(), task.getTaskId(), agentId,
            "launch not delivered: " + e.getMessage()));
        }
      });
  }

  private void drop(String frameworkId, String taskId, String agentId, String why) {
    TaskStatus dropped = TaskStatus.fromMaster(taskId, frameworkId, agentId, TaskState.TASK_DROPPED,
      TaskReason.REASON_AGENT_UNKNOWN, why);
    state.tasks.apply(dropped);
    leadership.forward(dropped);
  }

  @Override
  public Future<Void> decline(String frameworkId, List<String> offerIds, Filters filters) {
    metrics.increment(MasterMetrics.DECLINE_OFFERS);
    if (state.frameworks.connected(frameworkId).isEmpty()) {
      return ServiceException.fail(NOT_FOUND, "framework " + frameworkId + " is not subscribed");
    }
    double refuse = filters == null ? Filters.DEFAULT_REFUSE_SECONDS : filters.getRefuseSeconds();
    long until = System.currentTimeMillis() + (long) (refuse * 1000);
    for (String offerId : offerIds == null ? List.<String>of() : offerIds) {
      state.offers.get(offerId).filter(o -> o.getFrameworkId().equals(frameworkId)).ifPresent(offer -> {
        state.offers.remove(offerId);
        leadership.ui().offer(offer, UiChange.DECLINED);
        if (refuse > 0) {
          state.offers.refuse(frameworkId, offer.getRole(), offer.getAgentId(), until);
        }
      });
    }
    leadership.requestAllocation();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> revive(String frameworkId) {
    metrics.increment(MasterMetrics.REVIVE_OFFERS);
    return known(frameworkId, () -> {
      state.offers.clearFilters(frameworkId);
      state.frameworks.suppress(frameworkId, false);
      leadership.requestAllocation();
    });
  }

  @Override
  public Future<Void> suppress(String frameworkId) {
    metrics.increment(MasterMetrics.SUPPRESS_OFFERS);
    return known(frameworkId, () -> state.frameworks.suppress(frameworkId, true));
  }

  @Override
  public Future<Void> kill(String frameworkId, String taskId) {
    metrics.increment(MasterMetrics.KILL_TASK);
    if (state.frameworks.get(frameworkId).isEmpty()) {
      return unknown(frameworkId);
    }
    Task task = state.tasks.isActive(frameworkId, taskId) ? state.tasks.find(frameworkId, taskId).orElseThrow() : null;
    if (task == null) {
      leadership.forward(TaskStatus.fromMaster(taskId, frameworkId, null, TaskState.TASK_LOST,
        TaskReason.REASON_RECONCILIATION, "kill of unknown task " + taskId));
      return Future.succeededFuture();
    }
    return leadership.kill(new KillTask(task.agentId(), frameworkId, taskId));
  }

  @Override
  public Future<Void> message(String frameworkId, FrameworkMessage message) {
    metrics.increment(MasterMetrics.FRAMEWORK_TO_EXECUTOR_MESSAGES);
    if (state.frameworks.connected(frameworkId).isEmpty()) {
      return ServiceException.fail(NOT_FOUND, "framework " + frameworkId + " is not subscribed");
    }
    if (message == null || message.getAgentId() == null || message.getExecutorId() == null) {
      return ServiceException.fail(BAD_REQUEST, "a framework message needs agent_id and executor_id");
    }
    if (message.data().length > FrameworkMessage.MAX_BYTES) {
      return ServiceException.fail(BAD_REQUEST, "a framework message holds at most " + FrameworkMessage.MAX_BYTES
        + " bytes");
    }
    if (state.agents.get(message.getAgentId()).isEmpty()) {
      return ServiceException.fail(NOT_FOUND, "unknown agent " + message.getAgentId());
    }
    // the framework id is the caller's, whatever the body says: a framework talks to its own executors only
    FrameworkMessage own = new FrameworkMessage(message.getAgentId(), frameworkId, message.getExecutorId(),
      message.data());
    return leadership.toAgent(AgentCommand.FRAMEWORK_MESSAGE, own).<Void>mapEmpty()
      .recover(e -> ServiceException.fail(e instanceof ReplyException r && r.failureCode() == NOT_FOUND ? NOT_FOUND
        : UNAVAILABLE, e.getMessage()));
  }

  @Override
  public Future<Void> acknowledge(String frameworkId, List<AcknowledgeUpdate> acknowledgements) {
    List<AcknowledgeUpdate> acks = acknowledgements == null ? List.of() : acknowledgements;
    metrics.add(MasterMetrics.ACKNOWLEDGE_STATUS_UPDATE, acks.size());
    if (acks.stream().anyMatch(a -> a.getAgentId() == null || a.getTaskId() == null || a.getUuid() == null)) {
      return ServiceException.fail(BAD_REQUEST, "acknowledge needs agent_id, task_id and uuid");
    }
    acks.forEach(a -> leadership.acknowledge(a.getAgentId(), frameworkId, a.getTaskId(), a.getUuid()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> reconcile(String frameworkId, List<String> taskIds) {
    metrics.increment(MasterMetrics.RECONCILE_TASKS);
    return known(frameworkId, () -> {
      if (taskIds == null || taskIds.isEmpty()) {
        state.tasks.ofFramework(frameworkId).forEach(t -> leadership.forward(t.latest().asReconciliation()));
        return;
      }
      for (String taskId : taskIds) {
        leadership.forward(state.tasks.find(frameworkId, taskId)
          .map(t -> t.latest().asReconciliation())
          .orElseGet(() -> TaskStatus.fromMaster(taskId, frameworkId, null, TaskState.TASK_UNKNOWN,
            TaskReason.REASON_RECONCILIATION, "task " + taskId + " is unknown to the master")));
      }
    });
  }

  @Override
  public Future<List<KnownTask>> tasks(String frameworkId) {
    if (state.frameworks.get(frameworkId).isEmpty()) {
      return unknown(frameworkId);
    }
    Optional<String> recovering = leadership.recovering();
    if (recovering.isPresent()) {
      return ServiceException.fail(UNAVAILABLE, recovering.get() + "; ask again in a moment");
    }
    return Future.succeededFuture(state.tasks.ofFramework(frameworkId).stream()
      .map(t -> new KnownTask(t.info(), t.latest(),
        state.agents.get(t.agentId()).map(a -> a.info().getHostname()).orElse(null),
        state.agents.get(t.agentId()).map(a -> a.info().attributes().toString()).orElse("")))
      .toList());
  }

  @Override
  public Future<Void> teardown(String frameworkId) {
    metrics.increment(MasterMetrics.UNREGISTER_FRAMEWORK);
    return known(frameworkId, () -> leadership.removeFramework(frameworkId, "torn down by the framework"));
  }

  @Override
  public Future<Void> changeVolumes(String agentId, JsonArray create, JsonArray destroy) {
    Agent agent = state.agents.get(agentId).orElse(null);
    if (agent == null) {
      return ServiceException.fail(NOT_FOUND, "unknown agent " + agentId);
    }
    List<PersistentVolume> creating;
    List<PersistentVolume> destroying;
    try {
      creating = PersistentVolume.fromJson(create);
      destroying = PersistentVolume.fromJson(destroy);
    } catch (ClassCastException | IllegalArgumentException bad) {
      return ServiceException.fail(BAD_REQUEST, "invalid volume: " + bad.getMessage());
    }
    if (creating.isEmpty() && destroying.isEmpty()) {
      return ServiceException.fail(BAD_REQUEST, "no volumes named");
    }
    String invalid = creating.stream().map(PersistentVolume::problem).filter(p -> p != null).findFirst().orElse(null);
    if (invalid != null) {
      return ServiceException.fail(BAD_REQUEST, invalid);
    }
    // as an offer would hold them: the volumes no task uses, and each role's reserved resources no
    // task or volume holds
    Set<String> inUse = state.tasks.volumesInUse(agentId);
    List<PersistentVolume> unused = agent.volumes().stream().filter(v -> !inUse.contains(v.id())).toList();
    String problem = VolumeChecks.destroyProblem(destroying, unused);
    Reservations held = heldReserved(agent);
    Set<String> roles = new TreeSet<>();
    creating.forEach(v -> roles.add(v.role()));
    for (String role : roles) {
      List<PersistentVolume> ofRole = creating.stream().filter(v -> v.role().equals(role)).toList();
      // a new id must be new on the agent and among the other roles' new volumes
      List<PersistentVolume> taken = new ArrayList<>(agent.volumes());
      creating.stream().filter(v -> !v.role().equals(role)).forEach(taken::add);
      problem = problem != null ? problem
        : VolumeChecks.createProblem(role, ofRole, unheld(agent.reserved().of(role), held.of(role)), taken);
    }
    if (problem != null) {
      return ServiceException.fail(CONFLICT, problem);
    }
    leadership.rescindOffersOf(agentId);
    leadership.checkpoint(agent, agent.dynamic(), VolumeChecks.after(agent.volumes(), creating, destroying));
    return Future.succeededFuture();
  }

  /** What tasks and persistent volumes hold of each role's reservation on the agent. */
  private Reservations heldReserved(Agent agent) {
    return state.tasks.usedReservedByAgent().getOrDefault(agent.id(), Reservations.NONE).plus(agent.volumeDisk());
  }

  /** What of {@code reserved} nothing holds; none when the books disagree. */
  private static Resources unheld(Resources reserved, Resources held) {
    return reserved.contains(held) ? reserved.minus(held) : Resources.EMPTY;
  }

  @Override
  public Future<Void> reserveResources(String agentId, String role, JsonObject resources, boolean unreserve) {
    Agent agent = state.agents.get(agentId).orElse(null);
    if (agent == null) {
      return ServiceException.fail(NOT_FOUND, "unknown agent " + agentId);
    }
    Resources asked;
    try {
      asked = Json.resources(resources);
    } catch (ClassCastException | IllegalArgumentException bad) {
      return ServiceException.fail(BAD_REQUEST, "invalid resources: " + bad.getMessage());
    }
    if (asked.isEmpty()) {
      return ServiceException.fail(BAD_REQUEST, "no resources to " + (unreserve ? "unreserve" : "reserve"));
    }
    // persistent volumes hold their reserved disk as tasks hold what they use
    Resources used = state.tasks.usedByAgent().getOrDefault(agentId, Resources.EMPTY).plus(agent.volumeDisk().total());
    Reservations usedReserved = heldReserved(agent);
    Resources reserved = agent.reserved().total();
    Resources usedForAnyone = used.contains(usedReserved.total()) ? used.minus(usedReserved.total()) : used;
    Resources total = agent.info().resources();
    Resources freeForAnyone = total.contains(reserved) && total.minus(reserved).contains(usedForAnyone)
      ? total.minus(reserved).minus(usedForAnyone) : Resources.EMPTY;
    Resources freeReserved = unheld(agent.reserved().of(role), usedReserved.of(role));
    Resources reserve = unreserve ? Resources.EMPTY : asked;
    Resources release = unreserve ? asked : Resources.EMPTY;
    String problem = ReservationChecks.problem(role, reserve, release, freeForAnyone, freeReserved,
      agent.dynamic().of(role));
    if (problem != null) {
      return ServiceException.fail(Roles.problem(role) != null || role.equals(Roles.DEFAULT) ? BAD_REQUEST : CONFLICT,
        problem);
    }
    // offers may hold what changes hands: they go back to the pool, as Mesos rescinds them
    leadership.rescindOffersOf(agentId);
    leadership.reserve(agent, agent.dynamic().plus(role, reserve).minus(role, release));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> updateWeights(JsonObject weights) {
    Map<String, Double> updated = new HashMap<>();
    for (Map.Entry<String, Object> weight : weights) {
      if (!(weight.getValue() instanceof Number number)) {
        return ServiceException.fail(BAD_REQUEST, "the weight of role '" + weight.getKey() + "' is not a number");
      }
      updated.put(weight.getKey(), number.doubleValue());
    }
    return leadership.updateWeights(updated);
  }

  @Override
  public Future<Void> updateQuotas(JsonObject request) {
    Map<String, RoleQuota> updates = new HashMap<>();
    try {
      for (Object item : request.getJsonArray("quota_configs", new JsonArray())) {
        if (!(item instanceof JsonObject config) || !(config.getValue("role") instanceof String role)) {
          return ServiceException.fail(BAD_REQUEST, "Invalid QuotaConfig: each needs a 'role': " + item);
        }
        if (updates.put(role, new RoleQuota(scalars(config.getJsonObject("guarantees")),
          scalars(config.getJsonObject("limits")))) != null) {
          return ServiceException.fail(BAD_REQUEST, "Invalid QuotaConfig: role '" + role + "' is named twice");
        }
      }
    } catch (ClassCastException | IllegalArgumentException bad) {
      return ServiceException.fail(BAD_REQUEST, "Invalid QuotaConfig: " + bad.getMessage());
    }
    return leadership.updateQuotas(updates, request.getBoolean("force", false));
  }

  @Override
  public Future<Void> acceptInverseOffers(String frameworkId, List<String> inverseOfferIds, Filters filters) {
    return answerInverseOffers(frameworkId, inverseOfferIds, filters, InverseOfferBook.Answer.ACCEPT);
  }

  @Override
  public Future<Void> declineInverseOffers(String frameworkId, List<String> inverseOfferIds, Filters filters) {
    return answerInverseOffers(frameworkId, inverseOfferIds, filters, InverseOfferBook.Answer.DECLINE);
  }

  private Future<Void> answerInverseOffers(String frameworkId, List<String> ids, Filters filters,
                                           InverseOfferBook.Answer answer) {
    if (state.frameworks.get(frameworkId).isEmpty()) {
      return unknown(frameworkId);
    }
    double refuseSeconds = filters == null ? Filters.DEFAULT_REFUSE_SECONDS : filters.getRefuseSeconds();
    return leadership.maintenance().answer(frameworkId, ids == null ? List.of() : ids, answer, refuseSeconds);
  }

  /** {@code {"cpus": 2, "mem": 1024}}; each a number, at least zero. */
  private static Resources scalars(JsonObject json) {
    Resources.Builder scalars = Resources.builder();
    if (json != null) {
      for (String name : json.fieldNames()) {
        if (!(json.getValue(name) instanceof Number value)) {
          throw new IllegalArgumentException("'" + name + "' is not a number");
        }
        scalars.scalar(name, value.doubleValue());
      }
    }
    return scalars.build();
  }

  /** Runs {@code change} for a framework the master knows, or fails naming the unknown one. */
  private Future<Void> known(String frameworkId, Runnable change) {
    if (state.frameworks.get(frameworkId).isEmpty()) {
      return unknown(frameworkId);
    }
    change.run();
    return Future.succeededFuture();
  }

  private static <T> Future<T> unknown(String frameworkId) {
    return ServiceException.fail(NOT_FOUND, "unknown framework " + frameworkId);
  }
}
