package io.drover.agent.checkpoint;

import io.drover.agent.checkpoint.TaskCheckpoint.RecoveredTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One agent's directory: its id ({@code agent.id}), the boot it ran in ({@code boot.id}), the
 * checkpoints of its tasks ({@code meta/<framework>/<task>/}) and of framework executors
 * ({@code executors/<framework>/<executor>/}), their sandboxes ({@code sandboxes/<framework>/<task
 * or executor>/}) and persistent volumes ({@code volumes/roles/<role>/<id>/}). An agent restarted in the same boot is the same agent
 * and takes its tasks back; after a reboot its processes are gone, so it starts as a new agent.
 * All methods block: call them off the event loop.
 */
public final class AgentCheckpoint {

  private static final Logger LOG = Logger.getLogger(AgentCheckpoint.class.getName());
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  /** What to do with checkpoints found at start (Mesos's {@code --recover}). */
  public enum Recovery {
    /** Take the tasks back. */
    RECONNECT,
    /** Kill what the checkpoints name, forget them, and start as a new agent. */
    CLEANUP
  }

  private final Path dir;
  private final String agentId;
  private final String replaces;

  private AgentCheckpoint(Path dir, String agentId, String replaces) {
    this.dir = dir;
    this.agentId = agentId;
    this.replaces = replaces;
  }

  public static AgentCheckpoint open(Path dir, Recovery recovery) {
    try {
      Files.createDirectories(dir);
      String boot = currentBoot();
      String lastBoot = read(dir.resolve("boot.id"));
      boolean rebooted = lastBoot != null && boot != null && !lastBoot.equals(boot);
      String replaces = null;
      if (rebooted || recovery == Recovery.CLEANUP) {
        replaces = read(dir.resolve("agent.id"));
        LOG.warning(() -> (rebooted ? "the host rebooted since agent " : "cleaning up agent ")
          + read(dir.resolve("agent.id")) + " last ran; starting as a new agent");
        killRecorded(taskDirs(dir.resolve("meta")));
        killRecorded(executorDirs(dir.resolve("executors")));
        delete(dir.resolve("meta"));
        delete(dir.resolve("executors"));
        Files.deleteIfExists(dir.resolve("agent.id"));
      }
      if (boot != null) {
        write(dir.resolve("boot.id"), boot);
      }
      String id = read(dir.resolve("agent.id"));
      if (id == null) {
        id = UUID.randomUUID().toString();
        write(dir.resolve("agent.id"), id);
      }
      return new AgentCheckpoint(dir, id, replaces);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the agent directory " + dir + ": " + e.getMessage(), e);
    }
  }

  public String agentId() {
    return agentId;
  }

  /**
   * The agent this one replaces after a reboot or a cleanup, whose tasks are gone; null when this
   * agent simply continues.
   */
  public String replaces() {
    return replaces;
  }

  /** Where this agent's task sandboxes live. */
  public Path sandboxes() {
    return dir.resolve("sandboxes");
  }

  /** Where this agent's persistent volumes live; they outlive its tasks and their sandboxes. */
  public Path volumes() {
    return dir.resolve("volumes");
  }

  public Path sandbox(String frameworkId, String taskId) {
    return sandboxes().resolve(frameworkId).resolve(taskId);
  }

  public TaskCheckpoint task(String frameworkId, String taskId) {
    return new TaskCheckpoint(dir.resolve("meta").resolve(frameworkId).resolve(taskId));
  }

  /** A framework executor's checkpoint; its sandbox is {@link #sandbox} named by the executor id. */
  public ExecutorCheckpoint executor(String frameworkId, String executorId) {
    return new ExecutorCheckpoint(dir.resolve("executors").resolve(frameworkId).resolve(executorId));
  }

  /** Every framework executor this agent had running. */
  public List<ExecutorCheckpoint.RecoveredExecutor> recoverExecutors() {
    List<ExecutorCheckpoint.RecoveredExecutor> executors = new ArrayList<>();
    for (Path executorDir : executorDirs(dir.resolve("executors"))) {
      executors.add(new ExecutorCheckpoint(executorDir).read());
    }
    return executors;
  }

  /** Forgets an executor that ended. */
  public void forget(ExecutorCheckpoint executor) {
    forget(executor.process());
  }

  /** Every task checkpoint this agent holds. */
  public List<RecoveredTask> recover() {
    List<RecoveredTask> tasks = new ArrayList<>();
    for (Path taskDir : taskDirs(dir.resolve("meta"))) {
      tasks.add(new TaskCheckpoint(taskDir).read());
    }
    return tasks;
  }

  /** Forgets a task whose end the framework has acknowledged; its sandbox stays. */
  public void forget(TaskCheckpoint task) {
    try {
      // one atomic step first: a crash halfway through deleting must not leave a task that looks new
      Path doomed = task.dir().resolveSibling(task.dir().getFileName() + ".forgotten");
      Files.move(task.dir(), doomed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      delete(doomed);
    } catch (IOException e) {
      LOG.warning("could not remove the checkpoint " + task.dir() + ": " + e.getMessage());
    }
  }

  private static List<Path> taskDirs(Path meta) {
    return checkpointDirs(meta, "task.json");
  }

  private static List<Path> executorDirs(Path executors) {
    return checkpointDirs(executors, "executor.json");
  }

  /** The {@code <framework>/<id>} directories under {@code meta} that hold {@code file}. */
  private static List<Path> checkpointDirs(Path meta, String file) {
    if (!Files.isDirectory(meta)) {
      return List.of();
    }
    try (Stream<Path> frameworks = Files.list(meta)) {
      List<Path> dirs = new ArrayList<>();
      for (Path framework : frameworks.filter(Files::isDirectory).toList()) {
        try (Stream<Path> tasks = Files.list(framework)) {
          tasks.filter(t -> Files.exists(t.resolve(file)) && !t.getFileName().toString().endsWith(".forgotten"))
            .sorted().forEach(dirs::add);
        }
      }
      return dirs;
    } catch (IOException e) {
      throw new CheckpointException("cannot list the checkpoints in " + meta + ": " + e.getMessage());
    }
  }

  private static void killRecorded(List<Path> checkpoints) {
    for (Path taskDir : checkpoints) {
      try {
        new TaskCheckpoint(taskDir).liveProcess().ifPresent(p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
      } catch (CheckpointException unreadable) {
        // nothing to kill that we can name
      }
    }
  }

  private static String currentBoot() {
    return read(BOOT_ID);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(Path file, String value) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
