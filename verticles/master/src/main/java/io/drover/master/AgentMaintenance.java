package io.drover.master;

import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.DurableAgentRegistry;
import io.drover.master.state.DurableAgentRegistry.Admitted;
import io.drover.master.state.DurableDocument;
import io.drover.master.state.InverseOfferBook;
import io.drover.master.state.InverseOfferBook.DrainingAgent;
import io.drover.master.state.MachineId;
import io.drover.master.state.MachineModes;
import io.drover.master.state.MachineModes.Mode;
import io.drover.master.state.MaintenanceSchedule;
import io.drover.master.state.MasterState;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.FrameworkEvent;
import io.drover.protocol.InverseOffer;
import io.drover.protocol.InverseOffers;
import io.drover.protocol.OfferRescinded;
import io.drover.protocol.TaskStatus;
import io.drover.protocol.Unavailability;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The leader's part in maintenance, as Mesos 1.11 has it: operators schedule machines for
 * maintenance; agents on scheduled machines are offered with their unavailability and their
 * frameworks get inverse offers; machines taken down lose their tasks and are not offered. The
 * schedule and the machines down are one document in ZooKeeper, stored before a call succeeds, so a
 * new leader goes on with them. Agents' own deactivation and drain are {@link AgentDrains}.
 */
public final class AgentMaintenance {

  private static final Logger LOG = Logger.getLogger(AgentMaintenance.class.getName());

  private final Vertx vertx;
  private final Leadership leadership;
  private final MasterState state;
  private final DurableAgentRegistry durable;
  private final DurableDocument document;
  private final Function<String, Optional<String>> agentIp;
  private final InverseOfferBook inverseOffers = new InverseOfferBook();
  private final AgentDrains drains;
  private MachineModes machines = new MachineModes();
  private Future<Void> written = Future.succeededFuture();
  private boolean loaded;
  private long inverseOfferSequence;

  /**
   * @param document where the schedule and the machines down are kept
   * @param agentIp an agent's IP address by its id, where known: a machine may be named by it
   */
  AgentMaintenance(Vertx vertx, Leadership leadership, MasterState state, DurableAgentRegistry durable,
                   DurableDocument document, Function<String, Optional<String>> agentIp) {
    this.vertx = vertx;
    this.leadership = leadership;
    this.state = state;
    this.durable = durable;
    this.document = document;
    this.agentIp = agentIp;
    this.drains = new AgentDrains(vertx, leadership, state, durable, this::scheduledMachine);
  }

  /** The machine of the schedule an agent is on, if any: such an agent is not drained (Mesos). */
  private Optional<MachineId> scheduledMachine(Agent agent) {
    return machines.schedule().machines().stream().filter(m -> m.hosts(agent.info().getHostname(), ip(agent)))
      .findFirst();
  }

  /** Reads the schedule and the machines down that earlier terms stored. */
  void start() {
    vertx.executeBlocking(document::load).onComplete(read -> {
      if (read.succeeded()) {
        machines.load(read.result());
        loaded = true;
        // agents that re-registered meanwhile on a machine down must not keep their tasks
        state.agents.all().stream().filter(a -> a.registeredThisTerm() && mode(a) == Mode.DOWN).toList()
          .forEach(a -> drains.killTasks(a, null));
        leadership.requestAllocation();
      } else {
        LOG.warning("could not read the maintenance schedule: " + read.cause().getMessage());
      }
    });
  }

  // ---- hooks the leadership calls

  /**
   * The registry is read: each agent's drain is back, and those that re-registered while it was
   * being read (and were not saved, lest their drain be overwritten) are saved now.
   */
  void registryLoaded(List<Admitted> agents) {
    agents.forEach(a -> state.agents.setMaintenance(a.info().getId(), a.deactivated(), a.drain()));
    for (Agent agent : state.agents.all()) {
      if (agent.registeredThisTerm()) {
        durable.save(Admitted.of(agent));
        enforce(agent);
      }
    }
  }

  /** A (re-)registered agent: a draining one drains again, one on a machine down loses its tasks. */
  void agentAdmitted(Agent agent) {
    enforce(agent);
  }

  private void enforce(Agent agent) {
    if (!drains.drainAgain(agent) && mode(agent) == Mode.DOWN) {
      drains.killTasks(agent, null);
    }
  }

  /** Agents' deactivation, drain and reactivation. */
  public AgentDrains drains() {
    return drains;
  }

  /** Mesos marks the kills of a drain with their own reason. */
  public TaskStatus marked(TaskStatus status) {
    return drains.marked(status);
  }

  /** A task's update was applied: its agent may be drained now. */
  void taskChanged(TaskStatus status) {
    drains.taskChanged(status);
  }

  /** Whether the allocator may offer the agent: not when its machine is down. */
  boolean offerable(Agent agent) {
    return agent.offerable() && mode(agent) != Mode.DOWN;
  }

  /** The maintenance window of the agent's machine, which its offers carry; null when none. */
  Unavailability unavailability(Agent agent) {
    return machines.windowOf(agent.info().getHostname(), ip(agent))
      .map(MaintenanceSchedule.Window::unavailability).orElse(null);
  }

  // ---- machines: the schedule, down and up

  public MachineModes machines() {
    return machines;
  }

  public InverseOfferBook inverseOffers() {
    return inverseOffers;
  }

  /** The agents on a machine, by id. */
  public List<String> agentsOn(MachineId machine) {
    return state.agents.all().stream().filter(a -> machine.hosts(a.info().getHostname(), ip(a))).map(Agent::id)
      .toList();
  }

  /** Mesos's {@code UPDATE_MAINTENANCE_SCHEDULE}: replaces the schedule. */
  public Future<Void> updateSchedule(MaintenanceSchedule schedule) {
    return store(next -> {
      String problem = next.scheduleProblem(schedule);
      if (problem == null) {
        next.setSchedule(schedule);
      }
      return problem;
    }).onSuccess(v -> LOG.info(() -> "maintenance schedule updated: " + schedule.toJson().encode()));
  }

  /** Mesos's {@code START_MAINTENANCE}: the machines go DOWN; their agents' tasks are killed. */
  public Future<Void> startMaintenance(List<MachineId> down) {
    return store(next -> {
      String problem = next.downProblem(down);
      if (problem == null) {
        next.bringDown(down);
      }
      return problem;
    }).onSuccess(v -> {
      LOG.info(() -> "machines down for maintenance: " + down);
      state.agents.all().stream().filter(a -> mode(a) == Mode.DOWN).toList().forEach(a -> drains.killTasks(a, null));
    });
  }

  /** Mesos's {@code STOP_MAINTENANCE}: the machines come UP and leave the schedule. */
  public Future<Void> stopMaintenance(List<MachineId> up) {
    return store(next -> {
      String problem = next.upProblem(up);
      if (problem == null) {
        next.bringUp(up);
      }
      return problem;
    }).onSuccess(v -> LOG.info(() -> "machines up after maintenance: " + up));
  }

  /**
   * Applies {@code change} to a copy of the machines' modes, stores the copy and then uses it: one
   * write at a time, each from everything decided so far. {@code change} answers the problem, if any.
   */
  private Future<Void> store(Function<MachineModes, String> change) {
    if (!loaded) {
      return ServiceException.fail(503, "the master is reading its maintenance schedule; try again");
    }
    written = written.transform(previous -> {
      MachineModes next = new MachineModes();
      next.load(machines.toJson());
      String problem = change.apply(next);
      if (problem != null) {
        return ServiceException.fail(400, problem);
      }
      JsonObject json = next.toJson();
      return vertx.<Void>executeBlocking(() -> {
        document.save(json);
        return null;
      }).recover(e -> ServiceException.fail(503, "could not store the maintenance schedule: " + e.getMessage()))
        .compose(stored -> {
          if (!leadership.active()) {
            return ServiceException.fail(503, "this master no longer leads");
          }
          MachineModes before = machines;
          machines = next;
          showModeChanges(before);
          leadership.requestAllocation();
          return Future.succeededFuture();
        });
    });
    return written;
  }

  /**
   * Dashboards show whether an agent's machine is scheduled for maintenance or down (they read
   * {@code /master/maintenance/status} again when agents change): the agents whose mode changed are
   * published again.
   */
  private void showModeChanges(MachineModes before) {
    for (Agent agent : state.agents.all()) {
      if (before.modeOf(agent.info().getHostname(), ip(agent)) != mode(agent)) {
        leadership.ui().agent(agent, UiChange.UPDATED);
      }
    }
  }

  // ---- inverse offers

  /**
   * Asks each framework with tasks on an agent of a DRAINING machine to give them up (an inverse
   * offer carrying the window), and takes back the inverse offers the schedule no longer backs. Runs
   * with every allocation.
   */
  void offerInverse(long nowMs) {
    if (!loaded) {
      return;
    }
    Map<String, Set<String>> frameworksByAgent = new HashMap<>();
    for (Agent agent : state.agents.all()) {
      if (agent.registeredThisTerm() && mode(agent) == Mode.DRAINING) {
        frameworksByAgent.put(agent.id(), state.tasks.onAgent(agent.id()).stream()
          .filter(t -> !t.state().isTerminal()).map(Task::frameworkId).collect(Collectors.toCollection(LinkedHashSet::new)));
      }
    }
    Map<String, Unavailability> windows = new HashMap<>();
    List<DrainingAgent> draining = new ArrayList<>();
    frameworksByAgent.forEach((agentId, frameworks) -> {
      Agent agent = state.agents.get(agentId).orElseThrow();
      Unavailability window = unavailability(agent);
      windows.put(agentId, window);
      draining.add(new DrainingAgent(agentId, agent.info().getHostname(), window, frameworks));
    });
    Set<String> connected = state.frameworks.all().stream().filter(f -> f.connected()).map(f -> f.id())
      .collect(Collectors.toSet());
    for (InverseOffer stale : inverseOffers.stale(windows, connected)) {
      leadership.sendToFramework(stale.getFrameworkId(), FrameworkEvent.RESCIND_INVERSE_OFFER,
        new OfferRescinded(stale.getId(), "MAINTENANCE_CHANGED").toJson());
    }
    inverseOffers.keepStatuses(frameworksByAgent.keySet());
    Map<String, List<InverseOffer>> byFramework = new HashMap<>();
    for (InverseOfferBook.Due due : inverseOffers.due(draining, connected, nowMs)) {
      InverseOffer offer = new InverseOffer(leadership.epoch() + "-IO" + (++inverseOfferSequence), due.frameworkId(),
        due.agentId(), due.hostname(), due.unavailability());
      inverseOffers.sent(offer, nowMs / 1000.0);
      byFramework.computeIfAbsent(due.frameworkId(), f -> new ArrayList<>()).add(offer);
    }
    byFramework.forEach((frameworkId, offers) -> {
      LOG.info(() -> "inverse offers to framework " + frameworkId + " for agents "
        + offers.stream().map(InverseOffer::getAgentId).toList());
      leadership.sendToFramework(frameworkId, FrameworkEvent.INVERSE_OFFERS, new InverseOffers(offers).toJson());
    });
  }

  /**
   * A framework (re-)subscribed: a new instance of it (a failover) knows nothing of the inverse
   * offers sent before, so they are sent again.
   */
  public void subscribed(String frameworkId) {
    inverseOffers.forgetOutstanding(frameworkId);
  }

  /** A framework's answer to its inverse offers; ids no longer valid are ignored, as Mesos does. */
  public Future<Void> answer(String frameworkId, List<String> ids, InverseOfferBook.Answer answer, double refuseSeconds) {
    long now = System.currentTimeMillis();
    for (String id : ids) {
      inverseOffers.outstanding(frameworkId, id).ifPresentOrElse(
        offer -> inverseOffers.answered(offer, answer, now, Math.round(refuseSeconds * 1000)),
        () -> LOG.info(() -> "ignoring the answer of framework " + frameworkId + " to inverse offer " + id
          + ": it is no longer valid"));
    }
    return Future.succeededFuture();
  }

  private Mode mode(Agent agent) {
    return machines.modeOf(agent.info().getHostname(), ip(agent));
  }

  private String ip(Agent agent) {
    return agentIp.apply(agent.id()).orElse(null);
  }
}
