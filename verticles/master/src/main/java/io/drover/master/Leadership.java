package io.drover.master;

import io.drover.allocator.AgentSlot;
import io.drover.allocator.Allocation;
import io.drover.allocator.AllocationSnapshot;
import io.drover.allocator.Allocator;
import io.drover.allocator.FrameworkDemand;
import io.drover.allocator.NotOffered;
import io.drover.allocator.OfferGrant;
import io.drover.allocator.Rescind;
import io.drover.allocator.RoleQuota;
import io.drover.common.Addresses;
import io.drover.common.Batcher;
import io.drover.master.state.AgentAdmission.Admission;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.DurableAgentRegistry.Admitted;
import io.drover.master.state.DurableAgentRegistry;
import io.drover.master.state.DurableDocument;
import io.drover.master.state.RoleQuotas;
import io.drover.master.state.RoleRegistry;
import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.master.state.MasterState;
import io.drover.master.state.RoleWeights;
import io.drover.master.state.RegistryPruning.Unreachable;
import io.drover.master.state.RegistryPruning;
import io.drover.master.state.TaskBook.Applied;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.AcknowledgeUpdate;
import io.drover.protocol.AcknowledgeUpdates;
import io.drover.protocol.AgentCommand;
import io.drover.protocol.AgentNotice;
import io.drover.protocol.DestroyVolumes;
import io.drover.protocol.Envelope;
import io.drover.protocol.ForAgent;
import io.drover.protocol.FrameworkError;
import io.drover.protocol.FrameworkEvent;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.KillTask;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.OfferRescinded;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.ResourceOffers;
import io.drover.protocol.ShutdownFramework;
import io.drover.protocol.StatusUpdates;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One leadership term of this master: it runs the allocator, watches agents and frameworks, and
 * sends every command with the term's epoch. It lives on the master verticle's context, from
 * election until the master steps down.
 */
public final class Leadership {

  private static final Logger LOG = Logger.getLogger(Leadership.class.getName());
  private static final long HOUSEKEEPING_MS = 500;
  /** A housekeeping tick this late means the master itself was not running. */
  private static final long PAUSE_MS = 2_000;
  private static final long OFFER_RECEIPT_TIMEOUT_MS = 5_000;
  /**
   * How long an agent has to answer a command. A launch unanswered this long may be lost: the agent
   * is asked to re-register, and a launch it does not report then is TASK_LOST.
   */
  public static final long COMMAND_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final MasterSettings settings;
  private final LeaderInfo leader;
  private final MasterState state;
  private final DurableAgentRegistry durable;
  private final RoleRegistry roles;
  private final Allocator allocator;
  private final UiEvents ui;
  /** True while the ZooKeeper connection is suspended: this term may be ending, so it acts on nothing. */
  private final BooleanSupplier suspended;
  private final long termStartMs = System.currentTimeMillis();
  private long lastHousekeepingMs = System.currentTimeMillis();
  private final List<Long> timers = new ArrayList<>();
  private Map<String, NotOffered> notOffered = Map.of();
  private long offerSequence;
  private boolean allocationPending;
  private Future<Void> weightsWritten = Future.succeededFuture();
  private Future<Void> quotasWritten = Future.succeededFuture();
  /** Whether this term has read the durable registry: until then it cannot tell which agents to wait for. */
  private boolean registryRead;
  private final MasterMetrics metrics;
  private boolean active = true;
  /** Updates for each framework, sent a few milliseconds' worth at a time. */
  private final Batcher<String, TaskStatus> toFrameworks;
  /** Acknowledgements for each agent process, sent a few milliseconds' worth at a time. */
  private final Batcher<String, AcknowledgeUpdate> toNodes;
  private final AgentMaintenance maintenance;
  private final UndeliveredKills undeliveredKills = new UndeliveredKills();

  Leadership(Vertx vertx, MasterSettings settings, LeaderInfo leader, MasterState state,
             DurableAgentRegistry durable, RoleRegistry roles, Allocator allocator, UiEvents ui,
             BooleanSupplier suspended, MasterMetrics metrics, DurableDocument maintenanceDocument,
             Function<String, Optional<String>> agentIp) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.settings = settings;
    this.leader = leader;
    this.state = state;
    this.durable = durable;
    this.roles = roles;
    this.allocator = allocator;
    this.ui = ui;
    this.suspended = suspended;
    this.maintenance = new AgentMaintenance(vertx, this, state, durable, maintenanceDocument, agentIp);
    Context context = vertx.getOrCreateContext();
    this.toFrameworks = new Batcher<>(context, (frameworkId, updates) ->
      toFramework(frameworkId, FrameworkEvent.UPDATES, new StatusUpdates(updates).toJson()));
    this.toNodes = new Batcher<>(context, (node, acknowledgements) -> {
      if (active) {
        vertx.eventBus().send(node, new AcknowledgeUpdates(acknowledgements).toJson(),
          Envelope.of(AgentCommand.ACKNOWLEDGE, epoch()));
      }
    });
  }

  public long epoch() {
    return leader.getEpoch();
  }

  public LeaderInfo leader() {
    return leader;
  }

  public Map<String, NotOffered> notOffered() {
    return notOffered;
  }

  /** Agents' deactivation and drain, machines' maintenance and inverse offers in this term. */
  public AgentMaintenance maintenance() {
    return maintenance;
  }

  /** Whether this term has read the durable registry. */
  boolean registryRead() {
    return registryRead;
  }

  void start() {
    long now = System.currentTimeMillis();
    state.agents.startTerm(now);
    state.frameworks.startTerm(now);
    // offers and filters of an earlier term mean nothing in this one
    state.offers.clear();
    state.weights.startTerm(settings.weights(), Map.of());
    state.quotas.startTerm(Map.of());
    vertx.<Registry>executeBlocking(() -> {
      long started = System.nanoTime();
      durable.prepare();
      Registry registry = new Registry(durable.load(), roles.load());
      metrics.time(MasterMetrics.STATE_FETCH_MS, (System.nanoTime() - started) / 1e6);
      return registry;
    }).onComplete(loaded -> {
      if (!active) {
        return;
      }
      registryRead = true;
      if (loaded.succeeded()) {
        loaded.result().agents().forEach(a ->
          state.agents.recover(a.info(), a.unreachableSince(), a.dynamic(), a.volumes(), now));
        maintenance.registryLoaded(loaded.result().agents());
        state.weights.startTerm(settings.weights(), loaded.result().roles().weights());
        state.quotas.startTerm(loaded.result().roles().quotas());
      } else {
        LOG.warning("could not read the registry: " + loaded.cause().getMessage());
      }
    });
    maintenance.start();
    // frameworks known from agents learn of the new leader at once, not at their next check
    state.frameworks.all().forEach(this::heartbeat);
    timers.add(vertx.setPeriodic(settings.allocationIntervalMs(), t -> allocate()));
    timers.add(vertx.setPeriodic(HOUSEKEEPING_MS, t -> housekeeping()));
    timers.add(vertx.setPeriodic(settings.frameworkHeartbeatMs(), t -> state.frameworks.all().stream()
      .filter(Framework::connected).toList().forEach(this::heartbeat)));
  }

  /** What the registry in ZooKeeper holds for a new term. */
  private record Registry(List<Admitted> agents, RoleRegistry.Stored roles) {
  }

  void stop() {
    // work this term queued (allocations, callbacks) must find it over
    active = false;
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    state.offers.clear();
  }

  // ---- agents

  /**
   * Why this term cannot yet list every task (Mesos's re-registration window), or empty once it can:
   * agents it knows from the registry may still come back with tasks it has not heard of, until
   * each re-registers or is found unreachable (its heartbeat timeout). A framework rebuilding its
   * tasks from the list would otherwise replace tasks that still run.
   */
  public Optional<String> recovering() {
    if (!registryRead) {
      return Optional.of("the master is reading its agent registry");
    }
    long waiting = state.agents.all().stream().filter(a -> a.reachable() && !a.registeredThisTerm()).count();
    return waiting == 0 ? Optional.empty()
      : Optional.of("the master is waiting for " + waiting + " known agent(s) to re-register");
  }

  /**
   * Carries out an agent's (re-)registration, which the warm view has applied already: the agent
   * is saved and told it is registered, frameworks learn of its lost, recovered and gone tasks.
   */
  void agentAdmitted(Admission admission) {
    Agent agent = admission.agent();
    if (!admission.admittedBefore()) {
      LOG.info(() -> "admitted agent " + agent.id() + " on " + agent.info().getHostname() + " with "
        + agent.info().resources());
    }
    if (registryRead) {
      // before the registry is read, a save would overwrite what an earlier term stored of the agent
      // (its drain); registryLoaded saves it then
      durable.save(Admitted.of(agent));
    }
    toAgent(AgentCommand.REGISTERED, new AgentNotice(agent.id()));
    for (KillTask kill : undeliveredKills.takeFor(agent.id())) {
      if (state.tasks.isActive(kill.getFrameworkId(), kill.getTaskId())) {
        kill(kill);
      }
    }
    maintenance.agentAdmitted(agent);
    admission.lost().forEach(this::forward);
    admission.recovered().forEach(this::forward);
    ui.agent(agent, UiChange.REGISTERED);
    requestAllocation();
    if (admission.replacedAgentId() != null) {
      durable.remove(admission.replacedAgentId());
      admission.gone().forEach(this::forward);
      ui.agentRemoved(admission.replacedAgentId());
    }
  }

  /** Asks an agent to register again: a heartbeat named it unregistered, or a launch went unanswered. */
  void askToRegister(String nodeId, String agentId) {
    if (active) {
      vertx.eventBus().send(Addresses.node(nodeId), new AgentNotice(agentId).toJson(),
        Envelope.of(AgentCommand.REREGISTER, epoch()));
    }
  }

  public void askToRegister(String agentId) {
    state.agents.get(agentId).ifPresent(agent -> askToRegister(agent.info().getNodeId(), agentId));
  }

  private void housekeeping() {
    if (!active || suspended.getAsBoolean()) {
      // deposed, perhaps, any moment: declare nobody lost; back on the same session, the time away
      // counts as a pause below
      return;
    }
    long now = System.currentTimeMillis();
    long gap = now - lastHousekeepingMs;
    lastHousekeepingMs = now;
    if (gap > PAUSE_MS) {
      // this process was frozen or starved (SIGSTOP, a long GC, an overloaded machine): the silence
      // it sees is its own, not the agents'. Give them a fresh timeout rather than declare them lost;
      // if we were deposed meanwhile, ZooKeeper tells us in a moment.
      LOG.warning("master paused (or away from ZooKeeper) for " + gap + " ms; agents get a fresh heartbeat timeout");
      state.agents.excusePause(now);
      return;
    }
    for (Agent agent : state.agents.overdue(now, settings.agentHeartbeatTimeoutMs(),
      settings.agentReregisterTimeoutMs(), termStartMs)) {
      markUnreachable(agent, now);
    }
    if (registryRead) {
      forgetLongUnreachable(now);
    }
    for (Framework framework : state.frameworks.failedOver(now)) {
      removeFramework(framework.id(), "failover timeout of " + framework.info().getFailoverTimeoutSeconds()
        + " s expired");
    }
  }

  private void markUnreachable(Agent agent, long now) {
    double since = now / 1000.0;
    LOG.warning("agent " + agent.id() + " is unreachable (no heartbeat for "
      + (now - agent.lastSeenMs()) + " ms)");
    state.agents.markUnreachable(agent.id(), since);
    durable.save(Admitted.of(agent));
    for (Task task : state.tasks.onAgent(agent.id())) {
      TaskStatus unreachable = TaskStatus.fromMaster(task.info().getTaskId(), task.frameworkId(), agent.id(),
        TaskState.TASK_UNREACHABLE, TaskReason.REASON_AGENT_REMOVED, "agent " + agent.id() + " is unreachable");
      state.tasks.apply(unreachable);
      forward(unreachable);
    }
    ui.agent(agent, UiChange.UNREACHABLE);
  }

  /**
   * Removes from the registry, durably, the agents unreachable for longer than
   * {@code registry_max_agent_age} and the oldest beyond {@code registry_max_agent_count}, as Mesos
   * does. Mesos then forgets their tasks (a reconciliation answers TASK_UNKNOWN); here they end
   * TASK_GONE, told to their frameworks, so they leave the master's books too. An agent that comes
   * back later registers as one the master did not know.
   */
  private void forgetLongUnreachable(long now) {
    List<Unreachable> unreachable = state.agents.all().stream().filter(agent -> !agent.reachable())
      .map(agent -> new Unreachable(agent.id(), agent.unreachableSince())).toList();
    if (unreachable.isEmpty()) {
      return;
    }
    for (String agentId : RegistryPruning.prune(unreachable, now / 1000.0, settings.registryMaxAgentAgeMs(),
      settings.registryMaxAgentCount())) {
      LOG.info(() -> "agent " + agentId + " leaves the registry: unreachable longer than "
        + settings.registryMaxAgentAgeMs() + " ms, or the oldest of more than " + settings.registryMaxAgentCount()
        + " unreachable agents");
      for (Task task : state.tasks.onAgent(agentId)) {
        TaskStatus gone = TaskStatus.fromMaster(task.info().getTaskId(), task.frameworkId(), agentId,
          TaskState.TASK_GONE, TaskReason.REASON_AGENT_REMOVED, "agent " + agentId
            + " was unreachable too long and left the registry; its tasks are gone");
        state.tasks.apply(gone);
        forward(gone);
      }
      state.agents.remove(agentId);
      undeliveredKills.forget(agentId);
      durable.remove(agentId);
      ui.agentRemoved(agentId);
    }
  }

  /** An update from an agent, already applied to the warm view. */
  void statusUpdate(TaskStatus status, Applied applied) {
    boolean removed = state.frameworks.wasRemoved(status.getFrameworkId());
    if (applied == Applied.STALE || removed) {
      // nobody will acknowledge this one (the task ended with another update, or its framework was
      // removed): acknowledge it here so the agent stops resending
      if (status.getUuid() != null) {
        acknowledge(status.getAgentId(), status.getFrameworkId(), status.getTaskId(), status.getUuid());
      }
    } else {
      // a framework not (yet) connected gets it when it (re-)subscribes: the agent keeps resending
      forward(status);
    }
    boolean agentRegistered = state.agents.get(status.getAgentId()).map(Agent::registeredThisTerm).orElse(false);
    boolean orphan = applied == Applied.STALE || applied == Applied.UNKNOWN || removed;
    if (orphan && agentRegistered && !status.getState().isTerminal()) {
      // a task nobody launched (or that ended here already) must not keep running
      kill(new KillTask(status.getAgentId(), status.getFrameworkId(), status.getTaskId()));
    }
    if (status.getState().isTerminal()) {
      maintenance.taskChanged(status);
      requestAllocation();
    }
  }

  // ---- frameworks

  /**
   * Passes an acknowledgement on to the agent without waiting for an answer: a lost one only makes
   * the agent send its update again, and a reply and a timer for each of thousands would cost more.
   */
  public void acknowledge(String agentId, String frameworkId, String taskId, String uuid) {
    if (unsendable(agentId) == null) {
      toNodes.add(nodeOf(agentId), new AcknowledgeUpdate(agentId, frameworkId, taskId, uuid));
    }
  }

  /** Sends a command to the agent its body names; fails at once when this term may not send it. */
  public Future<Object> toAgent(AgentCommand command, ForAgent body) {
    ReplyException refused = unsendable(body.getAgentId());
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    return vertx.eventBus().request(nodeOf(body.getAgentId()), body.toJson(),
      Envelope.of(command, epoch()).setSendTimeout(COMMAND_TIMEOUT_MS)).map(reply -> reply.body());
  }

  /**
   * Kills a task: answers once the kill is sent, as Mesos answers a kill at once (202) and reports
   * what follows as status updates. A kill the agent's process did not take (gone while it
   * restarts, or silent) is sent again when the agent re-registers.
   */
  public Future<Void> kill(KillTask kill) {
    ReplyException refused = unsendable(kill.getAgentId());
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    deliver(kill);
    return Future.succeededFuture();
  }

  private void deliver(KillTask kill) {
    Optional<String> sentTo = nodeIdOf(kill.getAgentId());
    toAgent(AgentCommand.KILL, kill).onFailure(e -> {
      boolean undelivered = e instanceof ReplyException r
        && (r.failureType() == ReplyFailure.NO_HANDLERS || r.failureType() == ReplyFailure.TIMEOUT);
      Optional<String> nodeNow = nodeIdOf(kill.getAgentId());
      if (!undelivered || nodeNow.isEmpty() || !active) {
        LOG.warning("could not kill task " + kill.getTaskId() + " on agent " + kill.getAgentId() + ": "
          + e.getMessage());
      } else if (!nodeNow.equals(sentTo)) {
        // the agent re-registered from a new process while the kill was on its way to the old one
        deliver(kill);
      } else {
        LOG.info(() -> "the kill of task " + kill.getTaskId() + " did not reach agent " + kill.getAgentId() + " ("
          + e.getMessage() + "); it is sent again when the agent re-registers");
        undeliveredKills.remember(kill);
      }
    });
  }

  /** Why this term sends the agent no command now, or null when it may. */
  private ReplyException unsendable(String agentId) {
    if (!active) {
      return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, "epoch " + epoch() + " is over");
    }
    if (suspended.getAsBoolean()) {
      return new ReplyException(ReplyFailure.RECIPIENT_FAILURE,
        "the leader's ZooKeeper connection is suspended; epoch " + epoch() + " sends no command now");
    }
    return state.agents.get(agentId).isEmpty()
      ? new ReplyException(ReplyFailure.NO_HANDLERS, "unknown agent " + agentId) : null;
  }

  /** The address of the process hosting a known agent. */
  private String nodeOf(String agentId) {
    return Addresses.node(nodeIdOf(agentId).orElseThrow());
  }

  private Optional<String> nodeIdOf(String agentId) {
    return state.agents.get(agentId).map(agent -> agent.info().getNodeId());
  }

  public void forward(TaskStatus status) {
    if (state.frameworks.connected(status.getFrameworkId()).isPresent()) {
      toFrameworks.add(status.getFrameworkId(), status);
    }
  }

  /** An executor's message for its framework, passed on if the framework is connected; best effort. */
  public void frameworkMessage(FrameworkMessage message) {
    if (state.frameworks.connected(message.getFrameworkId()).isPresent()) {
      toFramework(message.getFrameworkId(), FrameworkEvent.MESSAGE, message.toJson());
    }
  }

  public UiEvents ui() {
    return ui;
  }

  /** True until the term ends. */
  public boolean active() {
    return active;
  }

  /** Sends a framework an event of this term, without waiting for an answer. */
  void sendToFramework(String frameworkId, FrameworkEvent event, JsonObject body) {
    toFramework(frameworkId, event, body);
  }

  private void toFramework(String frameworkId, FrameworkEvent event, JsonObject body) {
    if (!active) {
      return;
    }
    vertx.eventBus().send(Addresses.framework(frameworkId), body, Envelope.of(event, epoch()));
  }

  private void heartbeat(Framework framework) {
    if (!active) {
      return;
    }
    vertx.eventBus().request(Addresses.framework(framework.id()), null,
        Envelope.of(FrameworkEvent.HEARTBEAT, epoch()).setSendTimeout(settings.frameworkHeartbeatMs()))
      .onFailure(e -> {
        if (framework.connected()) {
          LOG.info(() -> "framework " + framework.id() + " disconnected: " + e.getMessage());
          state.frameworks.disconnect(framework.id(), System.currentTimeMillis());
          ui.framework(framework, UiChange.DISCONNECTED);
        }
      });
  }

  /** Tears a framework down: its offers go back and every task it has is killed. */
  public void removeFramework(String frameworkId, String why) {
    LOG.info(() -> "removing framework " + frameworkId + ": " + why);
    state.offers.removeFramework(frameworkId).forEach(offer -> ui.offer(offer, UiChange.RESCINDED));
    Map<String, String> agentsWithTasks = new LinkedHashMap<>();
    state.tasks.ofFramework(frameworkId).forEach(t -> agentsWithTasks.put(t.agentId(), t.agentId()));
    agentsWithTasks.keySet().forEach(agentId ->
      toAgent(AgentCommand.SHUTDOWN_FRAMEWORK, new ShutdownFramework(agentId, frameworkId)));
    if (state.frameworks.connected(frameworkId).isPresent()) {
      toFramework(frameworkId, FrameworkEvent.ERROR, new FrameworkError("framework removed: " + why).toJson());
    }
    Optional<Framework> removed = state.frameworks.get(frameworkId);
    state.frameworks.remove(frameworkId);
    removed.ifPresent(framework -> ui.frameworkRemoved(framework.info()));
    requestAllocation();
  }

  // ---- weights

  /**
   * Sets the weights of the roles named (Mesos's {@code UPDATE_WEIGHTS}): stored in ZooKeeper first,
   * in this term only, then used from the next allocation on. Nothing changes when they are invalid
   * (400) or could not be stored (503).
   */
  public Future<Void> updateWeights(Map<String, Double> updated) {
    String problem = RoleWeights.problem(updated);
    if (problem != null) {
      return ServiceException.fail(400, problem);
    }
    if (!registryRead) {
      return ServiceException.fail(503, "the master is reading its registry; try again");
    }
    // one write at a time, each of everything set so far: two updates at once must not lose one
    weightsWritten = weightsWritten.transform(previous -> storeWeights(updated));
    return weightsWritten;
  }

  private Future<Void> storeWeights(Map<String, Double> updated) {
    Map<String, Double> merged = new HashMap<>(state.weights.all());
    merged.putAll(updated);
    return storeThenApply("weights", () -> roles.saveWeights(merged), () -> {
      state.weights.update(updated);
      LOG.info(() -> "weights updated: " + updated);
    });
  }

  // ---- reservations

  /**
   * Makes {@code dynamic} the agent's reservations made through the master, saved with its entry
   * in the registry, and offers by them from the next allocation on.
   */
  public void reserve(Agent agent, Reservations dynamic) {
    checkpoint(agent, dynamic, agent.volumes());
  }

  /**
   * Makes {@code dynamic} and {@code volumes} the agent's reservations made through the master and
   * its persistent volumes, saved with its entry in the registry; the agent deletes the data of
   * volumes no longer listed.
   */
  public void checkpoint(Agent agent, Reservations dynamic, List<PersistentVolume> volumes) {
    Set<String> kept = volumes.stream().map(PersistentVolume::id).collect(Collectors.toSet());
    List<PersistentVolume> destroyed = agent.volumes().stream().filter(v -> !kept.contains(v.id())).toList();
    agent.reserve(dynamic);
    agent.volumes(volumes);
    durable.save(Admitted.of(agent));
    LOG.info(() -> "agent " + agent.id() + " reservations through the master now: " + dynamic + "; volumes: "
      + volumes.stream().map(PersistentVolume::id).toList());
    if (!destroyed.isEmpty()) {
      toAgent(AgentCommand.DESTROY_VOLUMES, new DestroyVolumes(agent.id(), destroyed)).onFailure(e ->
        LOG.warning("agent " + agent.id() + " did not delete the data of destroyed volumes "
          + destroyed.stream().map(PersistentVolume::id).toList() + ": " + e.getMessage()));
    }
    ui.agent(agent, UiChange.UPDATED);
    requestAllocation();
  }

  /**
   * The agent's persistent volumes of {@code role} that no task uses and no outstanding offer
   * holds, less those {@code taken} in this allocation already.
   */
  private List<PersistentVolume> freeVolumes(Agent agent, String role, Set<String> taken) {
    if (agent.volumes().isEmpty()) {
      return List.of();
    }
    Set<String> busy = new HashSet<>(taken);
    busy.addAll(state.tasks.volumesInUse(agent.id()));
    state.offers.all().stream().filter(o -> o.getAgentId().equals(agent.id()))
      .forEach(o -> o.volumes().forEach(v -> busy.add(v.id())));
    return agent.volumes().stream().filter(v -> v.role().equals(role) && !busy.contains(v.id())).toList();
  }

  /** Takes back every outstanding offer of an agent, telling their frameworks. */
  public void rescindOffersOf(String agentId) {
    state.offers.all().stream().filter(o -> o.getAgentId().equals(agentId)).toList()
      .forEach(o -> rescind(o, "RESERVATION_CHANGE"));
  }

  // ---- quotas

  /**
   * Replaces the quotas of the roles named (Mesos's {@code UPDATE_QUOTA}); an empty quota removes a
   * role's. Refused (400) when invalid, when the guarantees exceed the cluster or a role holds more
   * than its new limits, unless {@code force}; stored in ZooKeeper before they apply.
   */
  public Future<Void> updateQuotas(Map<String, RoleQuota> updates, boolean force) {
    if (!registryRead) {
      return ServiceException.fail(503, "the master is reading its registry; try again");
    }
    Resources clusterTotal = state.agents.all().stream().filter(Agent::offerable).map(a -> a.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    String problem = RoleQuotas.problem(updates, force, state.quotas.all(), clusterTotal, heldByRole());
    if (problem != null) {
      return ServiceException.fail(400, problem);
    }
    quotasWritten = quotasWritten.transform(previous -> {
      Map<String, RoleQuota> after = new HashMap<>(state.quotas.all());
      after.putAll(updates);
      after.values().removeIf(RoleQuotas::isEmpty);
      return storeThenApply("quotas", () -> roles.saveQuotas(after), () -> {
        state.quotas.update(updates);
        LOG.info(() -> "quotas updated: " + updates);
      });
    });
    return quotasWritten;
  }

  /** What each role holds in tasks and outstanding offers. */
  public Map<String, Resources> heldByRole() {
    Map<String, Resources> held = new HashMap<>();
    state.tasks.usedByFramework().values()
      .forEach(byRole -> byRole.forEach((role, used) -> held.merge(role, used, Resources::plus)));
    state.offers.all().forEach(o -> held.merge(o.getRole(), o.resources(), Resources::plus));
    return held;
  }

  /** What writes to ZooKeeper. */
  private interface Store {
    void write() throws Exception;
  }

  /**
   * Stores a change of {@code what} in ZooKeeper off the event loop, then, if this term still
   * leads, applies it and allocates by it; a change not stored is not applied (503).
   */
  private Future<Void> storeThenApply(String what, Store store, Runnable apply) {
    return vertx.<Void>executeBlocking(() -> {
      store.write();
      return null;
    }).recover(e -> ServiceException.fail(503, "could not store the " + what + ": " + e.getMessage()))
      .compose(stored -> {
        if (!active) {
          return ServiceException.fail(503, "this master no longer leads");
        }
        apply.run();
        requestAllocation();
        return Future.succeededFuture();
      });
  }

  // ---- allocation

  /** Runs the allocator soon, once, however many events asked for it. */
  public void requestAllocation() {
    if (!allocationPending) {
      allocationPending = true;
      vertx.runOnContext(v -> allocate());
    }
  }

  private void allocate() {
    allocationPending = false;
    if (!active || suspended.getAsBoolean()) {
      return;
    }
    try {
      metrics.increment(MasterMetrics.ALLOCATION_RUNS);
      long started = System.nanoTime();
      allocateNow();
      metrics.time(MasterMetrics.ALLOCATION_RUN_MS, (System.nanoTime() - started) / 1e6);
    } catch (RuntimeException e) {
      // one bad cycle must not end allocation for the cluster; the next one starts from the state again
      LOG.log(Level.SEVERE, "allocation failed", e);
    }
  }

  private void allocateNow() {
    long now = System.currentTimeMillis();
    Map<String, Resources> usedByAgent = state.tasks.usedByAgent();
    Map<String, Map<String, Resources>> usedByFramework = state.tasks.usedByFramework();
    List<AgentSlot> agents = new ArrayList<>();
    Map<String, Reservations> usedReserved = state.tasks.usedReservedByAgent();
    for (Agent agent : state.agents.all()) {
      // a persistent volume holds its disk whether a task uses it or not: it is offered as a volume
      Reservations volumeDisk = agent.volumeDisk();
      agents.add(new AgentSlot(agent.id(), agent.info().getHostname(), agent.info().resources(),
        usedByAgent.getOrDefault(agent.id(), Resources.EMPTY).plus(volumeDisk.total()), maintenance.offerable(agent),
        agent.reserved(), usedReserved.getOrDefault(agent.id(), Reservations.NONE).plus(volumeDisk)));
    }
    List<FrameworkDemand> frameworks = new ArrayList<>();
    for (Framework framework : state.frameworks.all()) {
      frameworks.add(new FrameworkDemand(framework.id(), Set.copyOf(framework.info().roles()), framework.connected(),
        framework.suppressed(), usedByFramework.getOrDefault(framework.id(), Map.of())));
    }
    Allocation allocation = allocator.allocate(new AllocationSnapshot(agents, frameworks,
      state.offers.outstanding(), state.offers.filters(), state.weights.all(), state.quotas.all(), now));
    state.offers.keepFilters(allocation.liveFilters());
    notOffered = allocation.notOffered();
    for (Rescind rescind : allocation.rescinds()) {
      state.offers.get(rescind.offerId()).ifPresent(offer -> rescind(offer, rescind.reason().name()));
    }
    Map<String, List<Offer>> byFramework = new HashMap<>();
    Set<String> volumesOffered = new HashSet<>();
    for (OfferGrant grant : allocation.grants()) {
      Agent agent = state.agents.get(grant.agentId()).orElseThrow();
      List<PersistentVolume> volumes = freeVolumes(agent, grant.role(), volumesOffered);
      volumes.forEach(v -> volumesOffered.add(v.id()));
      Offer offer = new Offer(epoch() + "-O" + (++offerSequence), grant.frameworkId(), grant.role(), grant.agentId(),
        agent.info().getHostname(), grant.resources(), grant.reserved(),
        grant.reserved().common(agent.dynamic().of(grant.role())), agent.info().attributes())
        .withUnavailability(maintenance.unavailability(agent)).withVolumes(volumes);
      state.offers.add(offer, now);
      byFramework.computeIfAbsent(grant.frameworkId(), id -> new ArrayList<>()).add(offer);
    }
    byFramework.forEach(this::sendOffers);
    maintenance.offerInverse(now);
  }

  private void rescind(Offer offer, String reason) {
    state.offers.remove(offer.getId()).ifPresent(gone -> {
      toFramework(gone.getFrameworkId(), FrameworkEvent.RESCIND, new OfferRescinded(gone.getId(), reason).toJson());
      ui.offer(gone, UiChange.RESCINDED);
      metrics.increment(MasterMetrics.OFFERS_RESCINDED);
    });
  }

  /**
   * Offers go as a request: a framework that did not get them (not listening yet, or gone) must
   * not hold them until they time out, so unconfirmed offers return to the pool at once.
   */
  private void sendOffers(String frameworkId, List<Offer> offers) {
    offers.forEach(o -> ui.offer(o, UiChange.CREATED));
    metrics.add(MasterMetrics.OFFERS_SENT, offers.size());
    vertx.eventBus().request(Addresses.framework(frameworkId),
        new ResourceOffers(offers).toJson(),
        Envelope.of(FrameworkEvent.OFFERS, epoch()).setSendTimeout(OFFER_RECEIPT_TIMEOUT_MS))
      .onFailure(e -> {
        boolean mayHaveArrived = e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT;
        for (Offer offer : offers) {
          state.offers.remove(offer.getId()).ifPresent(o -> {
            if (mayHaveArrived) {
              toFramework(frameworkId, FrameworkEvent.RESCIND,
                new OfferRescinded(o.getId(), OfferRescinded.NOT_CONFIRMED).toJson());
            }
            ui.offer(o, UiChange.RESCINDED);
            metrics.increment(MasterMetrics.OFFERS_RESCINDED);
          });
        }
      });
  }
}
