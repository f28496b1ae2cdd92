package io.drover.master.state;

import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.AgentRegistration;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Decides what an agent's registration or re-registration means, and applies it to the master's
 * state: the agent is admitted (again), the frameworks of its tasks are learnt, the tasks it no
 * longer reports are lost, the tasks it brings back from unreachable are told afresh, and an agent
 * it replaces on its host leaves with its tasks gone. Every master does this (the warm view); the
 * leader then carries out the {@link Admission}.
 */
public final class AgentAdmission {

  private static final Logger LOG = Logger.getLogger(AgentAdmission.class.getName());

  private final MasterState state;
  private final long launchTimeoutMs;

  /** {@code launchTimeoutMs}: how long a launch may take to reach its agent before a report without it means lost. */
  public AgentAdmission(MasterState state, long launchTimeoutMs) {
    this.state = state;
    this.launchTimeoutMs = launchTimeoutMs;
  }

  /**
   * What one registration changed.
   *
   * @param admittedBefore the agent was in the registry already (a re-registration)
   * @param lost the updates (TASK_LOST) of the tasks the agent registered without
   * @param recovered the tasks back from TASK_UNREACHABLE, told again as reconciliation
   * @param replacedAgentId the earlier agent on the host this one replaces, or null
   * @param gone the updates (TASK_GONE) of that earlier agent's tasks
   */
  public record Admission(Agent agent, boolean admittedBefore, List<TaskStatus> lost, List<TaskStatus> recovered,
                          String replacedAgentId, List<TaskStatus> gone) {
  }

  /** Applies a valid registration ({@link AgentRegistration#problem()} is null); {@code leading}: this master leads. */
  public Admission admit(AgentRegistration registration, long nowMs, boolean leading) {
    String agentId = registration.getAgent().getId();
    boolean admittedBefore = state.agents.get(agentId).isPresent();
    Set<String> unreachableBefore = state.tasks.onAgent(agentId).stream()
      .filter(t -> t.state() == TaskState.TASK_UNREACHABLE).map(t -> t.info().getTaskId()).collect(Collectors.toSet());
    Agent agent = state.agents.register(registration.getAgent(), nowMs, leading);
    registration.getFrameworks().forEach(f -> state.frameworks.learn(f, nowMs));
    List<Task> lost = state.tasks.reconcileAgent(agentId, registration.getTasks(), registration.getStatuses(),
      nowMs - launchTimeoutMs);
    for (Task task : lost) {
      state.tasks.apply(TaskStatus.fromMaster(task.info().getTaskId(), task.frameworkId(), agentId,
        TaskState.TASK_LOST, TaskReason.REASON_AGENT_REREGISTERED, "agent " + agentId + " re-registered without it"));
    }
    List<TaskStatus> recovered = new ArrayList<>();
    state.tasks.onAgent(agentId).stream().filter(t -> unreachableBefore.contains(t.info().getTaskId()))
      .filter(t -> t.state() != TaskState.TASK_UNREACHABLE)
      .forEach(t -> recovered.add(t.latest().asReconciliation()));
    String replaced = replaceable(registration.getReplacesAgentId(), registration.getAgent());
    List<TaskStatus> gone = replace(replaced, agentId);
    return new Admission(agent, admittedBefore, lost.stream().map(Task::latest).toList(), recovered, replaced, gone);
  }

  /**
   * The agent a new one may replace: only one on its own host, so that no agent can end another
   * host's tasks by naming it. Null when there is none to replace.
   */
  private String replaceable(String oldAgentId, AgentInfo newAgent) {
    if (oldAgentId == null || oldAgentId.equals(newAgent.getId())) {
      return null;
    }
    String oldHost = state.agents.get(oldAgentId).map(a -> a.info().getHostname()).orElse(null);
    if (oldHost != null && !oldHost.equals(newAgent.getHostname())) {
      LOG.warning("agent " + newAgent.getId() + " on " + newAgent.getHostname() + " names agent " + oldAgentId
        + " of " + oldHost + " as the one it replaces; refused: an agent replaces only one of its own host");
      return null;
    }
    return oldHost == null ? null : oldAgentId;
  }

  /** A new agent replaces an old one on its host (after a reboot or a cleanup): the old one's tasks are gone. */
  private List<TaskStatus> replace(String oldAgentId, String newAgentId) {
    List<TaskStatus> gone = new ArrayList<>();
    if (oldAgentId == null) {
      return gone;
    }
    for (Task task : state.tasks.onAgent(oldAgentId)) {
      TaskStatus status = TaskStatus.fromMaster(task.info().getTaskId(), task.frameworkId(), oldAgentId,
        TaskState.TASK_GONE, TaskReason.REASON_AGENT_REMOVED, "agent " + oldAgentId + " was replaced by agent "
          + newAgentId + " after a reboot or a cleanup; its tasks are gone");
      state.tasks.apply(status);
      gone.add(status);
    }
    state.agents.remove(oldAgentId);
    LOG.info(() -> "agent " + newAgentId + " replaces agent " + oldAgentId + " (" + gone.size() + " task(s) gone)");
    return gone;
  }
}
