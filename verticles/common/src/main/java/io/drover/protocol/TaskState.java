package io.drover.protocol;

import java.util.EnumSet;
import java.util.Set;

/** Mesos task states (DESIGN §5). */
public enum TaskState {
  TASK_STAGING,
  TASK_STARTING,
  TASK_RUNNING,
  TASK_KILLING,
  TASK_FINISHED,
  TASK_FAILED,
  TASK_KILLED,
  TASK_ERROR,
  TASK_LOST,
  TASK_DROPPED,
  TASK_UNREACHABLE,
  TASK_GONE,
  TASK_GONE_BY_OPERATOR,
  TASK_UNKNOWN;

  private static final Set<TaskState> TERMINAL = EnumSet.of(TASK_FINISHED, TASK_FAILED, TASK_KILLED,
    TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR);

  /** A terminal state is final: the task's resources are free and no later state overrides it. */
  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }
}
