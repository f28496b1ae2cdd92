package io.drover.agent.checkpoint;

import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent keeps on disk about one task, so that it can find the task again after its own
 * restart: the task ({@code task.json}), its process ({@code process.json}: pid and start time,
 * which together name one process even if the pid is reused), the exit status the task's wrapper
 * writes when it ends ({@code exit_status}), and the journal of its status updates and of their
 * acknowledgements ({@code updates.log}, one JSON line each, fsynced before the update is sent).
 * All methods block: call them off the event loop.
 */
public final class TaskCheckpoint {

  private final Path dir;

  TaskCheckpoint(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Where the task's wrapper writes the exit status of the command. */
  public Path exitStatusFile() {
    return dir.resolve("exit_status");
  }

  public void writeTask(TaskInfo task, FrameworkInfo framework) {
    writeAtomically("task.json", new JsonObject().put("task", task.toJson()).put("framework", framework.toJson()));
  }

  public void writeProcess(ProcessHandle process) {
    JsonObject json = new JsonObject().put("pid", process.pid());
    process.info().startInstant().ifPresent(start -> json.put("start", start.toString()));
    writeAtomically("process.json", json);
  }

  /** The id of the task's container, for container tasks. */
  public void writeContainer(String containerId) {
    writeAtomically("container.json", new JsonObject().put("id", containerId));
  }

  public Optional<String> container() {
    Path file = dir.resolve("container.json");
    return Files.exists(file) ? Optional.ofNullable(readJson(file).getString("id")) : Optional.empty();
  }

  /** The task's process, if the recorded one still runs (same pid and the same start time). */
  public Optional<ProcessHandle> liveProcess() {
    Path file = dir.resolve("process.json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonObject json = readJson(file);
    Optional<Instant> recorded = Optional.ofNullable(json.getString("start")).map(Instant::parse);
    return ProcessHandle.of(json.getLong("pid")).filter(ProcessHandle::isAlive)
      .filter(p -> recorded.isEmpty() || p.info().startInstant().equals(recorded));
  }

  /** The command's exit status, if its wrapper lived to write it. */
  public Optional<Integer> exitStatus() {
    try {
      return Files.exists(exitStatusFile())
        ? Optional.of(Integer.parseInt(Files.readString(exitStatusFile()).trim())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Appends an update, on disk (fsync) before it may be sent. */
  public void appendUpdate(TaskStatus update) {
    append(new JsonObject().put("update", update.toJson()), true);
  }

  /**
   * Appends an acknowledgement without waiting for the disk: one lost in a crash of the machine
   * only has its update sent again, which a framework takes as a duplicate (updates are at least
   * once), so it is not worth an fsync per update.
   */
  public void appendAcknowledgement(String uuid) {
    append(new JsonObject().put("ack", uuid), false);
  }

  /** Reads the task back. */
  RecoveredTask read() {
    JsonObject task = readJson(dir.resolve("task.json"));
    List<TaskStatus> updates = new ArrayList<>();
    Set<String> acknowledged = new LinkedHashSet<>();
    Path log = dir.resolve("updates.log");
    if (Files.exists(log)) {
      List<String> lines = readLines(log);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        JsonObject entry;
        try {
          entry = new JsonObject(line);
        } catch (DecodeException e) {
          if (i == lines.size() - 1) {
            // a write cut short by a crash; it was never sent, so it is as if never made. Cut it
            // off, or the next entry would be appended onto it
            truncateAfterLastCompleteLine(log);
            break;
          }
          throw new CheckpointException("damaged checkpoint " + log + " (line " + (i + 1) + ")");
        }
        if (entry.containsKey("update")) {
          updates.add(new TaskStatus(entry.getJsonObject("update")));
        } else if (entry.containsKey("ack")) {
          acknowledged.add(entry.getString("ack"));
        }
      }
    }
    List<TaskStatus> unacknowledged = updates.stream().filter(u -> !acknowledged.contains(u.getUuid())).toList();
    try {
      return new RecoveredTask(new TaskInfo(task.getJsonObject("task")), new FrameworkInfo(task.getJsonObject("framework")),
        updates, unacknowledged, this);
    } catch (RuntimeException e) {
      throw new CheckpointException("damaged checkpoint " + dir.resolve("task.json") + ": " + e.getMessage());
    }
  }

  private static void truncateAfterLastCompleteLine(Path log) {
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      byte[] all = Files.readAllBytes(log);
      int end = all.length;
      while (end > 0 && all[end - 1] != '\n') {
        end--;
      }
      channel.truncate(end);
      channel.force(true);
    } catch (IOException e) {
      throw new CheckpointException("cannot repair checkpoint " + log + ": " + e.getMessage());
    }
  }

  private JsonObject readJson(Path file) {
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | DecodeException e) {
      throw new CheckpointException("damaged checkpoint " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage());
    }
  }

  private void append(JsonObject entry, boolean durable) {
    try {
      Files.createDirectories(dir);
      try (FileChannel channel = FileChannel.open(dir.resolve("updates.log"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer bytes = ByteBuffer.wrap((entry.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        if (durable) {
          channel.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  void writeAtomically(String name, JsonObject json) {
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, name, ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(json.encode().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A task as its checkpoint tells it after an agent restart.
   *
   * @param info       what was launched
   * @param framework  whose it is
   * @param updates    every update the agent made for it, in order
   * @param unacknowledged the updates the framework has not acknowledged yet, in order
   * @param checkpoint where it is kept
   */
  public record RecoveredTask(TaskInfo info, FrameworkInfo framework, List<TaskStatus> updates,
                              List<TaskStatus> unacknowledged, TaskCheckpoint checkpoint) {

    /** The latest update, or null when the agent stopped before it made one. */
    public TaskStatus latest() {
      return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }
  }
}
