package io.drover.protocol;

/** What agents publish on {@code drover.agents} (the {@code action} header); every master listens. */
public enum AgentEvent {
  /** {@link AgentRegistration}; sent at start and again whenever a new leader is elected. */
  REGISTER,
  /** {@link AgentHeartbeat}: one heartbeat per process for all the agents it hosts. */
  HEARTBEAT,
  /**
   * {@link StatusUpdates}: a process's updates of a few milliseconds, each with a uuid and resent
   * until the framework acknowledges it.
   */
  STATUS_UPDATES,
  /** {@link FrameworkMessage}: an executor's message for its scheduler; best effort. */
  EXECUTOR_MESSAGE
}
