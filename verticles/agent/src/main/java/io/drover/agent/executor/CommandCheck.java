package io.drover.agent.executor;

/** Runs a task's COMMAND health check once where the task runs. */
@FunctionalInterface
public interface CommandCheck {

  /** Null when {@code command} exits 0 within {@code timeoutMs}, else what went wrong. Blocking. */
  String run(String command, long timeoutMs) throws Exception;
}
