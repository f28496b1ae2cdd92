package io.drover.protocol;

/**
 * Why a task's state changed, with Mesos's names (its {@code TaskStatus.Reason}); the names go on the
 * wire as they are.
 */
public enum TaskReason {
  /** The task was killed because an operator drains its agent (Mesos's {@code REASON_AGENT_DRAINING}). */
  REASON_AGENT_DRAINING,
  /** The agent was declared unreachable, or a new agent on its host replaced it. */
  REASON_AGENT_REMOVED,
  /** The agent re-registered without the task. */
  REASON_AGENT_REREGISTERED,
  /** The launch reached no agent process. */
  REASON_AGENT_UNKNOWN,
  /** The command exited non-zero, or was killed by a signal it did not ask for. */
  REASON_COMMAND_EXECUTOR_FAILED,
  /**
   * The container could not be created or started, or was lost; or a URI of the task could not be
   * fetched into its sandbox (Mesos fails the container's launch then too).
   */
  REASON_CONTAINER_LAUNCH_FAILED,
  /** The task went over its memory limit. */
  REASON_CONTAINER_LIMITATION_MEMORY,
  /** The framework's executor did not subscribe within the agent's registration timeout. */
  REASON_EXECUTOR_REGISTRATION_TIMEOUT,
  /** After an agent restart, the framework's executor did not subscribe again within the recovery timeout. */
  REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
  /** The process running the task ended without an exit status, or could not start. */
  REASON_EXECUTOR_TERMINATED,
  /** The framework's executor ended (or was shut down) with the task not ended. */
  REASON_EXECUTOR_UNREGISTERED,
  /** The framework was torn down, or its failover timeout ran out. */
  REASON_FRAMEWORK_REMOVED,
  /** An accept named an offer that is unknown, rescinded or of another framework. */
  REASON_INVALID_OFFERS,
  /** The master tells a state it knows again (reconciliation), or of a task it does not know. */
  REASON_RECONCILIATION,
  /** The task's check (Mesos's {@code check}, which only reports) found something new. */
  REASON_TASK_CHECK_STATUS_UPDATED,
  /** The task's health check changed its verdict. */
  REASON_TASK_HEALTH_CHECK_STATUS_UPDATED,
  /** Another task of the task group is malformed, so none of the group runs. */
  REASON_TASK_GROUP_INVALID,
  /** The task itself is malformed (its command or container). */
  REASON_TASK_INVALID,
  /** A reconciliation or kill named a task the master does not know. */
  REASON_TASK_UNKNOWN;

  /** The reason a wire name stands for; null for null. */
  public static TaskReason of(String name) {
    return name == null ? null : valueOf(name);
  }
}
