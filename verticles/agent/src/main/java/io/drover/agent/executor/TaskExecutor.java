package io.drover.agent.executor;

import io.drover.agent.checkpoint.TaskCheckpoint;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.Future;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs tasks of one kind (shell commands here; containers later) and reports how they go. Calls
 * and reports happen on the agent's context.
 */
public interface TaskExecutor {

  /** What an executor tells the agent about a task it runs. */
  interface Reports {
    void running(TaskInfo task, String message);

    /** Running in a container with addresses of its own (a USER network's): they go with the update. */
    default void running(TaskInfo task, String message, List<String> containerIps) {
      running(task, message);
    }

    /** The task ended: {@code state} is terminal, {@code reason} and {@code message} say why. */
    void ended(TaskInfo task, TaskState state, TaskReason reason, String message);
  }

  /**
   * Starts {@code task} in {@code sandbox} with the given environment additions, recording in
   * {@code checkpoint} what it takes to find the task again after an agent restart.
   */
  void launch(TaskInfo task, Path sandbox, Map<String, String> environment, TaskCheckpoint checkpoint,
              Reports reports);

  /**
   * After an agent restart: watches the task again if it still runs, or reports how it ended.
   * Blocking reads happen off the event loop; the report comes on the agent's context.
   */
  void recover(TaskInfo task, TaskCheckpoint checkpoint, Reports reports);

  /** Asks the task to stop, then forces it after its kill grace period. */
  void kill(TaskInfo task);

  /**
   * What the task's container uses now, as Mesos's {@code ResourceStatistics} with its
   * {@code timestamp}; read off the event loop. Empty when the task does not run here (yet, or any
   * more) or runs nothing that could be measured (an emulated task).
   */
  default Future<Optional<ResourceStatistics>> usage(TaskInfo task) {
    return Future.succeededFuture(Optional.empty());
  }

  /**
   * Sets the task's container limits to {@code resources} (a framework executor's grow with the
   * tasks it runs); nothing where the runner sets no limits.
   */
  default void resize(TaskInfo task, Resources resources) {
  }

  /**
   * Where the task's COMMAND health checks run: {@code onHost} (a shell in its sandbox, as its user)
   * unless its executor runs them elsewhere, as Docker does inside the container.
   */
  default CommandCheck commandCheck(TaskInfo task, CommandCheck onHost) {
    return onHost;
  }

  /** Whether its tasks are real enough to health-check (an emulated one's are not). */
  default boolean checksHealth() {
    return true;
  }
}
