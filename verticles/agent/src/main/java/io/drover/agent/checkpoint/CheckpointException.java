package io.drover.agent.checkpoint;

/** A checkpoint that cannot be read back: the agent refuses to start rather than guess. */
public final class CheckpointException extends RuntimeException {

  public CheckpointException(String message) {
    super(message);
  }
}
