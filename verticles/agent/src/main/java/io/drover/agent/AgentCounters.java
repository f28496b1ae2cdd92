package io.drover.agent;

import io.drover.protocol.TaskState;

import java.util.EnumMap;
import java.util.Map;

/**
 * What happened on one agent since its process started, counted as Mesos's agent counts it for
 * {@code /metrics/snapshot}. Changed on the agent's context only; {@link #totals()} is a copy.
 */
final class AgentCounters {

  private final Map<TaskState, Long> ended = new EnumMap<>(TaskState.class);
  private long validStatusUpdates;
  private long invalidStatusUpdates;
  private long executorsTerminated;
  private long containerLaunchErrors;

  /**
   * The agent made a status update for a task that was in {@code previous}; {@code executed} says
   * whether an executor had the task. Like Mesos's, a task's executor ends with the task, and a
   * task that fails before it ran (its fetch or its container's start) is a container launch error.
   */
  void updated(TaskState previous, TaskState state, boolean executed) {
    validStatusUpdates++;
    if (!state.isTerminal() || previous.isTerminal()) {
      return;
    }
    ended.merge(state, 1L, Long::sum);
    if (executed) {
      executorsTerminated++;
    }
    if (state != TaskState.TASK_KILLED && (previous == TaskState.TASK_STAGING || previous == TaskState.TASK_STARTING)) {
      containerLaunchErrors++;
    }
  }

  /** A framework's own executor ended. */
  void executorEnded() {
    executorsTerminated++;
  }

  /** An executor reported on a task the agent does not have, or one that has ended already: dropped. */
  void invalid() {
    invalidStatusUpdates++;
  }

  Totals totals() {
    return new Totals(new EnumMap<>(ended), validStatusUpdates, invalidStatusUpdates, executorsTerminated,
      containerLaunchErrors);
  }

  /** The counts at one moment; {@link #plus} adds another agent's, for a process that hosts several. */
  record Totals(Map<TaskState, Long> ended, long validStatusUpdates, long invalidStatusUpdates,
                long executorsTerminated, long containerLaunchErrors) {

    static final Totals NONE = new Totals(Map.of(), 0, 0, 0, 0);

    Totals {
      ended = Map.copyOf(ended);
    }

    long ended(TaskState state) {
      return ended.getOrDefault(state, 0L);
    }

    Totals plus(Totals other) {
      Map<TaskState, Long> sum = new EnumMap<>(TaskState.class);
      sum.putAll(ended);
      other.ended.forEach((state, n) -> sum.merge(state, n, Long::sum));
      return new Totals(sum, validStatusUpdates + other.validStatusUpdates,
        invalidStatusUpdates + other.invalidStatusUpdates, executorsTerminated + other.executorsTerminated,
        containerLaunchErrors + other.containerLaunchErrors);
    }
  }
}
