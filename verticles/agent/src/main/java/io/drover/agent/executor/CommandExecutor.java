package io.drover.agent.executor;

import io.drover.protocol.CommandInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs command tasks as real processes: {@code /bin/sh -c cmd} (or the exec form) in the task's
 * sandbox, with {@code stdout}/{@code stderr} files there, in a session and process group of its own
 * (so a kill reaches every child). Kill sends SIGTERM to the group, then SIGKILL after the grace
 * period.
 */
public final class CommandExecutor implements TaskExecutor {

  private static final Logger LOG = Logger.getLogger(CommandExecutor.class.getName());

  private record Running(TaskInfo task, Process process, Reports reports) {
  }

  private final Vertx vertx;
  private final Context context;
  private final Map<String, Running> running = new HashMap<>();
  private final Map<String, Boolean> killing = new HashMap<>();
  private final Map<String, Boolean> launching = new HashMap<>();

  public CommandExecutor(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public void launch(TaskInfo task, Path sandbox, Map<String, String> environment, Reports reports) {
    List<String> argv = commandLine(task.getCommand());
    String key = key(task);
    launching.put(key, Boolean.TRUE);
    vertx.executeBlocking(() -> start(argv, sandbox, environment), false).onComplete(started -> {
      launching.remove(key);
      if (started.failed()) {
        killing.remove(key);
        reports.ended(task, TaskState.TASK_FAILED, "REASON_EXECUTOR_TERMINATED",
          "could not start the command: " + started.cause().getMessage());
        return;
      }
      Process process = started.result();
      running.put(key, new Running(task, process, reports));
      reports.running(task, "pid " + process.pid());
      process.onExit().thenAccept(p -> context.runOnContext(v -> exited(key, p.exitValue())));
      if (killing.remove(key) != null) {
        // a kill came while the process was starting
        kill(task);
      }
    });
  }

  private static List<String> commandLine(CommandInfo command) {
    List<String> argv = new ArrayList<>();
    // setsid: the task leads its own session and process group, whose id is its pid
    argv.add("setsid");
    if (command.isShell()) {
      argv.addAll(List.of("/bin/sh", "-c", command.getValue()));
    } else {
      argv.addAll(command.getArguments());
    }
    return argv;
  }

  private static Process start(List<String> argv, Path sandbox, Map<String, String> environment) throws IOException {
    Files.createDirectories(sandbox);
    ProcessBuilder builder = new ProcessBuilder(argv).directory(sandbox.toFile())
      .redirectOutput(sandbox.resolve("stdout").toFile())
      .redirectError(sandbox.resolve("stderr").toFile())
      .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static String key(TaskInfo task) {
    return task.getFrameworkId() + "/" + task.getTaskId();
  }

  private void exited(String key, int exitCode) {
    Running task = running.remove(key);
    if (task == null) {
      return;
    }
    // the task is its process group: what it left behind (background children) ends with it
    signal(task.process().pid(), "KILL");
    boolean killed = killing.remove(key) != null;
    if (killed) {
      task.reports().ended(task.task(), TaskState.TASK_KILLED, null, "Command killed");
    } else if (exitCode == 0) {
      task.reports().ended(task.task(), TaskState.TASK_FINISHED, null, "Command exited with status 0");
    } else {
      task.reports().ended(task.task(), TaskState.TASK_FAILED, "REASON_COMMAND_EXECUTOR_FAILED",
        exitCode > 128 ? "Command terminated with signal " + (exitCode - 128) : "Command exited with status " + exitCode);
    }
  }

  @Override
  public void kill(TaskInfo info) {
    String key = key(info);
    Running task = running.get(key);
    if (task == null && launching.containsKey(key)) {
      killing.put(key, Boolean.TRUE);
      return;
    }
    if (task == null || killing.containsKey(key)) {
      return;
    }
    killing.put(key, Boolean.TRUE);
    long pgid = task.process().pid();
    signal(pgid, "TERM");
    long graceMs = Math.max(0, (long) (task.task().getKillGracePeriodSeconds() * 1000));
    vertx.setTimer(Math.max(1, graceMs), t -> {
      if (running.get(key) == task) {
        LOG.info(() -> "task " + key + " outlived its kill grace period; sending SIGKILL");
        signal(pgid, "KILL");
      }
    });
  }

  /** Signals the task's whole process group. */
  private void signal(long pgid, String signal) {
    vertx.executeBlocking(() -> new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
      .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(), false);
  }
}
