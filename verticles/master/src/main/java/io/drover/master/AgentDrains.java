package io.drover.master;

import io.drover.master.state.AgentDrain;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.DurableAgentRegistry;
import io.drover.master.state.DurableAgentRegistry.Admitted;
import io.drover.master.state.MachineId;
import io.drover.master.state.MasterState;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.KillTask;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceException;

import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Agents' deactivation and drain on the leader, as Mesos 1.11 has them: a deactivated agent is not
 * offered (its offers are rescinded) and its tasks run on; a drained one also loses its tasks, is
 * DRAINING until none is left, then DRAINED until an operator reactivates it. The state goes into
 * the agent's registry entry before a call succeeds, so a new leader goes on with it.
 */
public final class AgentDrains {

  private static final Logger LOG = Logger.getLogger(AgentDrains.class.getName());

  private final Vertx vertx;
  private final Leadership leadership;
  private final MasterState state;
  private final DurableAgentRegistry durable;
  private final Function<Agent, Optional<MachineId>> scheduledMachine;

  /** @param scheduledMachine the machine of the maintenance schedule an agent is on, if any */
  AgentDrains(Vertx vertx, Leadership leadership, MasterState state, DurableAgentRegistry durable,
              Function<Agent, Optional<MachineId>> scheduledMachine) {
    this.vertx = vertx;
    this.leadership = leadership;
    this.state = state;
    this.durable = durable;
    this.scheduledMachine = scheduledMachine;
  }

  /** Mesos marks the kills of a drain with their own reason. */
  TaskStatus marked(TaskStatus status) {
    boolean killed = status.getState() == TaskState.TASK_KILLED || status.getState() == TaskState.TASK_KILLING;
    boolean draining = status.getAgentId() != null
      && state.agents.get(status.getAgentId()).map(a -> a.drain() != null).orElse(false);
    return killed && draining ? status.withReason(TaskReason.REASON_AGENT_DRAINING) : status;
  }

  /** A task's update was applied: its agent may be drained now. */
  void taskChanged(TaskStatus status) {
    if (status.getState().isTerminal() && status.getAgentId() != null) {
      checkDrained(status.getAgentId());
    }
  }

  /** A draining agent that (re-)registered drains again, as Mesos tells it; false when it is not draining. */
  boolean drainAgain(Agent agent) {
    AgentDrain drain = agent.drain();
    if (drain == null || drain.state() != AgentDrain.State.DRAINING) {
      return false;
    }
    killTasks(agent, drain.maxGracePeriodSeconds());
    checkDrained(agent.id());
    return true;
  }

  /** Mesos's {@code DEACTIVATE_AGENT}: no more offers of the agent; its tasks keep running. */
  public Future<Void> deactivate(String agentId) {
    return change(agentId, agent -> agent.drain(), () ->
      LOG.info(() -> "agent " + agentId + " deactivated by an operator"));
  }

  /** Mesos's {@code DRAIN_AGENT}: deactivates the agent and kills its tasks; DRAINED once none is left. */
  public Future<Void> drain(String agentId, Double maxGracePeriodSeconds, boolean markGone) {
    if (maxGracePeriodSeconds != null && maxGracePeriodSeconds < 0) {
      return ServiceException.fail(400, "'max_grace_period' is negative");
    }
    Optional<Agent> known = state.agents.get(agentId);
    if (known.isPresent() && known.get().reachable()) {
      Optional<MachineId> scheduled = scheduledMachine.apply(known.get());
      if (scheduled.isPresent()) {
        return ServiceException.fail(400, "Agent " + agentId + " is part of a maintenance schedule under Machine "
          + scheduled.get());
      }
    }
    AgentDrain drain = new AgentDrain(AgentDrain.State.DRAINING, maxGracePeriodSeconds, markGone);
    return change(agentId, agent -> drain, () -> {
      LOG.info(() -> "agent " + agentId + " is DRAINING (max grace period " + maxGracePeriodSeconds + " s)");
      state.agents.get(agentId).ifPresent(agent -> killTasks(agent, maxGracePeriodSeconds));
      checkDrained(agentId);
    });
  }

  /** Mesos's {@code REACTIVATE_AGENT}: offered again; ends a finished drain. */
  public Future<Void> reactivate(String agentId) {
    Optional<String> problem = state.agents.get(agentId)
      .map(agent -> AgentDrain.reactivationProblem(agent.deactivated(), agent.drain()));
    if (problem.isPresent()) {
      return ServiceException.fail(400, problem.get());
    }
    return change(agentId, null, () -> LOG.info(() -> "agent " + agentId + " reactivated by an operator"));
  }

  /**
   * Stores the agent's new state in its registry entry, then uses it, as Mesos's registrar does:
   * deactivated with {@code drainOf} its drain, or reactivated when {@code drainOf} is null. Refused
   * for an unknown agent (400) and until the registry is read (503).
   */
  private Future<Void> change(String agentId, Function<Agent, AgentDrain> drainOf, Runnable then) {
    if (!leadership.registryRead()) {
      return ServiceException.fail(503, "the master is reading its registry; try again");
    }
    Optional<Agent> known = state.agents.get(agentId);
    if (known.isEmpty()) {
      return ServiceException.fail(400, "Unknown agent");
    }
    Agent agent = known.get();
    boolean deactivated = drainOf != null;
    AgentDrain drain = deactivated ? drainOf.apply(agent) : null;
    Admitted next = new Admitted(agent.info(), agent.unreachableSince(), deactivated, drain, agent.dynamic(),
      agent.volumes());
    return Future.fromCompletionStage(durable.save(next), vertx.getOrCreateContext())
      .recover(e -> ServiceException.fail(503, "could not store agent " + agentId + ": " + e.getMessage()))
      .compose(stored -> {
        if (!leadership.active()) {
          return ServiceException.fail(503, "this master no longer leads");
        }
        if (state.agents.get(agentId).isEmpty()) {
          return ServiceException.fail(409, "Agent removed while processing the call");
        }
        state.agents.setMaintenance(agentId, deactivated, drain);
        // a save of the agent made meanwhile from the state before (a re-registration) may have
        // replaced ours in the batch: this one writes only if so
        state.agents.get(agentId).ifPresent(a -> durable.save(Admitted.of(a)));
        then.run();
        showChanged(agentId);
        leadership.requestAllocation();
        return Future.succeededFuture();
      });
  }

  /** Asks the agent to kill each of its tasks, their kill grace capped by {@code maxGracePeriodSeconds} (or not, when null). */
  void killTasks(Agent agent, Double maxGracePeriodSeconds) {
    if (!agent.registeredThisTerm()) {
      // an unreachable agent drains when it comes back (agentAdmitted)
      return;
    }
    for (Task task : state.tasks.onAgent(agent.id())) {
      if (!task.state().isTerminal()) {
        leadership.kill(new KillTask(agent.id(), task.frameworkId(),
          task.info().getTaskId(), maxGracePeriodSeconds)).onFailure(e ->
          LOG.warning("could not kill task " + task.info().getTaskId() + " on agent " + agent.id() + ": "
            + e.getMessage()));
      }
    }
  }

  private void checkDrained(String agentId) {
    state.agents.get(agentId).ifPresent(agent -> {
      AgentDrain drain = agent.drain();
      if (drain != null && drain.state() == AgentDrain.State.DRAINING && agent.registeredThisTerm()
        && state.tasks.onAgent(agentId).stream().allMatch(t -> t.state().isTerminal())) {
        state.agents.setMaintenance(agentId, true, drain.drained());
        durable.save(Admitted.of(agent));
        LOG.info(() -> "agent " + agentId + " is DRAINED");
        showChanged(agentId);
      }
    });
  }

  /** Dashboards show whether an agent is deactivated, draining or drained: they hear of each change. */
  private void showChanged(String agentId) {
    state.agents.get(agentId).ifPresent(agent -> leadership.ui().agent(agent, UiChange.UPDATED));
  }

}
