package io.drover.agent.executor;

/** Runs a task's COMMAND check once where the task runs. */
@FunctionalInterface
public interface CommandCheck {

  /**
   * The exit status of {@code command}, or null when it did not end within {@code timeoutMs}.
   * Blocking.
   *
   * @throws Exception when it could not run at all (the message says why)
   */
  Integer run(String command, long timeoutMs) throws Exception;
}
