package io.drover.agent.executor;

import io.drover.agent.checkpoint.TaskCheckpoint;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.Future;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Sends each task to the executor of its kind: containers to Docker, everything else to commands. */
public final class ExecutorRouter implements TaskExecutor {

  private final TaskExecutor commands;
  private final DockerExecutor docker;

  public ExecutorRouter(TaskExecutor commands, DockerExecutor docker) {
    this.commands = commands;
    this.docker = docker;
  }

  @Override
  public void launch(TaskInfo task, Path sandbox, Map<String, String> environment, TaskCheckpoint checkpoint,
                     Reports reports) {
    if (task.getContainer() == null) {
      commands.launch(task, sandbox, environment, checkpoint, reports);
    } else if (!docker.available()) {
      reports.ended(task, TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LAUNCH_FAILED,
        "Docker is not available on this agent: " + docker.status());
    } else {
      docker.launch(task, sandbox, environment, checkpoint, reports);
    }
  }

  @Override
  public void recover(TaskInfo task, TaskCheckpoint checkpoint, Reports reports) {
    (task.getContainer() == null ? commands : docker).recover(task, checkpoint, reports);
  }

  @Override
  public void kill(TaskInfo task) {
    (task.getContainer() == null ? commands : docker).kill(task);
  }

  @Override
  public void resize(TaskInfo task, Resources resources) {
    (task.getContainer() == null ? commands : docker).resize(task, resources);
  }

  @Override
  public CommandCheck commandCheck(TaskInfo task, CommandCheck onHost) {
    return (task.getContainer() == null ? commands : docker).commandCheck(task, onHost);
  }

  @Override
  public Future<Optional<ResourceStatistics>> usage(TaskInfo task) {
    return (task.getContainer() == null ? commands : docker).usage(task);
  }
}
