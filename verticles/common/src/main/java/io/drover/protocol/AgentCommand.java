package io.drover.protocol;

/**
 * What the leader sends to a process hosting agents on {@code drover.node.<nodeId>} (the
 * {@code action} header). Every body names its {@code agent_id}; every message carries the leader's
 * epoch, and agents drop commands from an epoch older than the newest they have seen.
 */
public enum AgentCommand {
  /** The leader admitted the agent. */
  REGISTERED,
  /** The leader does not count the agent as registered (it was unreachable, or the leader is new): register again. */
  REREGISTER,
  /** Body: {@code task} ({@link TaskInfo}) and {@code framework} ({@link FrameworkInfo}). */
  LAUNCH,
  /** Body: {@code task_id}, {@code framework_id}. */
  KILL,
  /** Body: {@code task_id}, {@code uuid}: the framework acknowledged this update. */
  ACKNOWLEDGE,
  /** Body: {@code framework_id}: kill every task of a framework that was torn down. */
  SHUTDOWN_FRAMEWORK
}
