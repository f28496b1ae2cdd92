package io.drover.agent.checkpoint;

import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.FrameworkInfo;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A framework executor's checkpoint, {@code executors/<framework>/<executor>/}: {@code executor.json}
 * (what was launched, for whom, and the token it authenticates with) and, as for a command task,
 * {@code process.json} and {@code exit_status}, so that a restarted agent finds the executor's
 * process again and waits for it to subscribe anew. The executor's tasks keep their own checkpoints.
 * All methods block.
 */
public final class ExecutorCheckpoint {

  private final Path dir;
  private final TaskCheckpoint process;

  ExecutorCheckpoint(Path dir) {
    this.dir = dir;
    this.process = new TaskCheckpoint(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Where the executor's process is recorded (pid, start time, exit status), as a command task's is. */
  public TaskCheckpoint process() {
    return process;
  }

  public void write(ExecutorInfo executor, FrameworkInfo framework, String token, String containerId) {
    process.writeAtomically("executor.json", new JsonObject().put("executor", executor.toJson())
      .put("framework", framework.toJson()).put("token", token).put("container_id", containerId));
  }

  /** An executor as its checkpoint tells it after an agent restart. */
  public record RecoveredExecutor(ExecutorInfo info, FrameworkInfo framework, String token, String containerId,
                                  ExecutorCheckpoint checkpoint) {
  }

  RecoveredExecutor read() {
    Path file = dir.resolve("executor.json");
    try {
      JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      return new RecoveredExecutor(new ExecutorInfo(json.getJsonObject("executor")),
        new FrameworkInfo(json.getJsonObject("framework")), json.getString("token"), json.getString("container_id"),
        this);
    } catch (IOException | DecodeException | IllegalArgumentException | NullPointerException e) {
      throw new CheckpointException("damaged checkpoint " + file + ": " + e.getMessage());
    }
  }
}
