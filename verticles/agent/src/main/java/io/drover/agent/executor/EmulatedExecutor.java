package io.drover.agent.executor;

import io.drover.agent.checkpoint.TaskCheckpoint;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The executor of emulated agents ({@code drover agent --emulate N}): it starts nothing. A task runs
 * as soon as it is launched and finishes after {@code runTimeMs} (never, with 0: until killed).
 * Everything around it (checkpoints, status updates, acknowledgements, recovery) is the real agent's,
 * so a master cannot tell an emulated agent from a real one; only the machine's work is missing.
 */
public final class EmulatedExecutor implements TaskExecutor {

  /** A task that "runs": who to tell when it ends, and its finish timer (-1: none). */
  private record Emulated(Reports reports, long finishTimer) {
  }

  private final Vertx vertx;
  private final long runTimeMs;
  private final Map<String, Emulated> running = new HashMap<>();

  public EmulatedExecutor(Vertx vertx, long runTimeMs) {
    this.vertx = vertx;
    this.runTimeMs = runTimeMs;
  }

  @Override
  public void launch(TaskInfo task, Path sandbox, Map<String, String> environment, TaskCheckpoint checkpoint,
                     Reports reports) {
    run(task, reports, "emulated: nothing was started");
  }

  /** After a restart an emulated task still runs: nothing could have stopped it. */
  @Override
  public void recover(TaskInfo task, TaskCheckpoint checkpoint, Reports reports) {
    run(task, reports, "emulated: recovered");
  }

  @Override
  public void kill(TaskInfo task) {
    Emulated emulated = running.remove(key(task));
    if (emulated != null) {
      vertx.cancelTimer(emulated.finishTimer());
      vertx.runOnContext(v -> emulated.reports().ended(task, TaskState.TASK_KILLED, null, "emulated: killed"));
    }
  }

  /** Nothing listens on an emulated task's ports and nothing runs its commands: no checks. */
  @Override
  public boolean checksHealth() {
    return false;
  }

  private void run(TaskInfo task, Reports reports, String message) {
    String key = key(task);
    long timer = runTimeMs <= 0 ? -1 : vertx.setTimer(runTimeMs, t -> {
      if (running.remove(key) != null) {
        reports.ended(task, TaskState.TASK_FINISHED, null, "emulated: ran for " + runTimeMs + " ms");
      }
    });
    running.put(key, new Emulated(reports, timer));
    // reported after the call returns, as a real executor's reports are
    vertx.runOnContext(v -> reports.running(task, message));
  }

  private static String key(TaskInfo task) {
    return TaskInfo.key(task.getFrameworkId(), task.getTaskId());
  }
}
