package io.drover.protocol;

import io.vertx.core.json.JsonObject;

import java.util.function.Function;

/**
 * What the leader sends to a process hosting agents on {@code drover.node.<nodeId>} (the
 * {@code action} header), each with its body type. Every body names its agent ({@link ForAgent});
 * every message carries the leader's epoch, and agents drop commands from an epoch older than the
 * newest they have seen.
 */
public enum AgentCommand {
  /** {@link AgentNotice}: the leader admitted the agent. */
  REGISTERED(AgentNotice::new),
  /**
   * {@link AgentNotice}: the leader does not count the agent as registered (it was unreachable, or
   * the leader is new): register again.
   */
  REREGISTER(AgentNotice::new),
  /** {@link LaunchTask}. */
  LAUNCH(LaunchTask::new),
  /** {@link KillTask}. */
  KILL(KillTask::new),
  /** {@link AcknowledgeUpdate}: the framework acknowledged this update. */
  ACKNOWLEDGE(AcknowledgeUpdate::new),
  /** {@link ShutdownFramework}: kill every task of a framework that was torn down. */
  SHUTDOWN_FRAMEWORK(ShutdownFramework::new);

  private final Function<JsonObject, ForAgent> reader;

  AgentCommand(Function<JsonObject, ForAgent> reader) {
    this.reader = reader;
  }

  /** The body of this command read from the wire. */
  public ForAgent read(JsonObject body) {
    return reader.apply(body);
  }
}
