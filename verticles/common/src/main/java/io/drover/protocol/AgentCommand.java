package io.drover.protocol;

import io.vertx.core.json.JsonObject;

import java.util.function.Function;

/**
 * What the leader sends to a process hosting agents on {@code drover.node.<nodeId>} (the
 * {@code action} header), each with its body type. Every body but the acknowledgements names its
 * agent ({@link ForAgent}); acknowledgements go per process, each naming its agent. Every message
 * carries the leader's epoch, and agents drop commands from an epoch older than the newest they
 * have seen.
 */
public enum AgentCommand {
  /** {@link AgentNotice}: the leader admitted the agent. */
  REGISTERED(AgentNotice::new),
  /**
   * {@link AgentNotice}: the leader does not count the agent as registered (it was unreachable, or
   * the leader is new): register again.
   */
  REREGISTER(AgentNotice::new),
  /** {@link LaunchTasks}. */
  LAUNCH(LaunchTasks::new),
  /** {@link KillTask}. */
  KILL(KillTask::new),
  /** {@link AcknowledgeUpdates}: the framework acknowledged these updates; sent without waiting for a reply. */
  ACKNOWLEDGE(AcknowledgeUpdates::new),
  /** {@link ShutdownFramework}: kill every task of a framework that was torn down. */
  SHUTDOWN_FRAMEWORK(ShutdownFramework::new),
  /** {@link FrameworkMessage}: a scheduler's message for one of its executors; best effort. */
  FRAMEWORK_MESSAGE(FrameworkMessage::new),
  /** {@link DestroyVolumes}: delete the data of persistent volumes that were destroyed. */
  DESTROY_VOLUMES(DestroyVolumes::new);

  private final Function<JsonObject, ?> reader;

  AgentCommand(Function<JsonObject, ?> reader) {
    this.reader = reader;
  }

  /** The body of this command read from the wire. */
  public Object read(JsonObject body) {
    return reader.apply(body);
  }
}
