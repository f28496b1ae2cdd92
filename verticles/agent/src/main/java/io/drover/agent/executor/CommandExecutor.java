package io.drover.agent.executor;

import io.drover.agent.checkpoint.TaskCheckpoint;
import io.drover.agent.usage.AllocatedLimits;
import io.drover.agent.usage.ProcessTreeUsage;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.SharedVolume;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Runs command tasks as real processes, detached from the agent so that they outlive it: a small
 * shell wrapper in a session and process group of its own ({@code setsid}) runs the command
 * ({@code /bin/sh -c cmd}, or the exec form) in the task's sandbox with {@code stdout}/{@code stderr}
 * files there, and writes the command's exit status into the checkpoint when it ends, so that an
 * agent that was down meanwhile still learns how it ended. Kill sends SIGTERM to the group, then
 * SIGKILL after the grace period.
 */
public final class CommandExecutor implements TaskExecutor {

  private static final Logger LOG = Logger.getLogger(CommandExecutor.class.getName());

  /**
   * The wrapper ({@code $1} is the exit-status file, the rest the command). It joins the task's
   * cgroups, runs the command, and outlives a SIGTERM to the group (which reaches the command once)
   * so that it can record the command's status when the command has really ended. The status is
   * one write of a few bytes, read only once the wrapper is gone, so it needs no temporary file and
   * {@code mv} (a process more per task): a wrapper killed halfway leaves no file or an empty one,
   * which both read as no status.
   */
  static final String WRAPPER = String.join("\n",
    "exit_file=$1; shift",
    "for cgroup in $DROVER_CGROUPS; do",
    "  echo $$ > \"$cgroup/cgroup.procs\" || { echo \"drover: cannot join $cgroup\" >&2; echo 125 > \"$exit_file\"; exit 125; }",
    "done",
    "unset DROVER_CGROUPS",
    "\"$@\" &",
    "child=$!",
    "trap ':' TERM",
    "wait \"$child\"; status=$?",
    "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; status=$?; done",
    "printf '%s\\n' \"$status\" > \"$exit_file\"",
    "exit \"$status\"");

  private record Running(TaskInfo task, ProcessHandle process, TaskCheckpoint checkpoint, Reports reports) {
  }

  private final Vertx vertx;
  private final Context context;
  private final Cgroups cgroups;
  private final RunAs runAs;
  private final Map<String, Running> running = new HashMap<>();
  private final Map<String, Boolean> killing = new HashMap<>();
  private final Map<String, Boolean> launching = new HashMap<>();

  public CommandExecutor(Vertx vertx, Cgroups cgroups, RunAs runAs) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.cgroups = cgroups;
    this.runAs = runAs;
  }

  @Override
  public void launch(TaskInfo task, Path sandbox, Map<String, String> environment, TaskCheckpoint checkpoint,
                     Reports reports) {
    String key = task.key();
    launching.put(key, Boolean.TRUE);
    vertx.executeBlocking(() -> start(task, sandbox, environment, checkpoint), false).onComplete(started -> {
      launching.remove(key);
      if (started.failed()) {
        killing.remove(key);
        reports.ended(task, TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED,
          "could not start the command: " + started.cause().getMessage());
        return;
      }
      watch(new Running(task, started.result(), checkpoint, reports));
      reports.running(task, "pid " + started.result().pid());
      if (killing.remove(key) != null) {
        // a kill came while the process was starting
        kill(task);
      }
    });
  }

  @Override
  public void recover(TaskInfo task, TaskCheckpoint checkpoint, Reports reports) {
    String key = task.key();
    launching.put(key, Boolean.TRUE);
    vertx.executeBlocking(checkpoint::liveProcess, false).onComplete(found -> {
      launching.remove(key);
      boolean killed = killing.remove(key) != null;
      Optional<ProcessHandle> process = found.succeeded() ? found.result() : Optional.empty();
      if (process.isPresent()) {
        LOG.info(() -> "task " + key + " still runs as pid " + process.get().pid() + "; watching it again");
        watch(new Running(task, process.get(), checkpoint, reports));
        reports.running(task, "pid " + process.get().pid());
        if (killed) {
          kill(task);
        }
      } else {
        ended(new Running(task, null, checkpoint, reports), killed);
      }
    });
  }

  /** The wrapper stays with the agent's user (it joins cgroups, writes the status); the command switches. */
  private static List<String> commandLine(CommandInfo command, Path exitStatusFile, List<String> switchUser) {
    List<String> argv = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", WRAPPER, "drover-task",
      exitStatusFile.toString()));
    argv.addAll(switchUser);
    if (command.isShell()) {
      argv.addAll(List.of("/bin/sh", "-c", command.getValue()));
    } else {
      argv.addAll(command.getArguments());
    }
    return argv;
  }

  private ProcessHandle start(TaskInfo task, Path sandbox, Map<String, String> environment,
                              TaskCheckpoint checkpoint) throws IOException {
    List<String> argv = commandLine(task.getCommand(), checkpoint.exitStatusFile(), runAs.prefix(task.getCommand()));
    Files.createDirectories(sandbox);
    List<Path> volumes = new ArrayList<>();
    for (PersistentVolume volume : task.getVolumes()) {
      volumes.add(sandbox.resolve(volume.containerPath()).toRealPath());
    }
    for (SharedVolume volume : task.getSharedVolumes()) {
      volumes.add(sandbox.resolve(volume.containerPath()).toRealPath());
    }
    runAs.handOver(sandbox, task.getCommand(), volumes);
    List<Path> joined = cgroups.create(cgroupName(task), task.resources(), task.getLimits());
    Files.createDirectories(checkpoint.dir());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(sandbox.toFile())
      .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
      .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()))
      .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    RunAs.taskEnvironment(builder, environment);
    builder.environment().put("DROVER_CGROUPS", String.join(" ", joined.stream().map(Path::toString).toList()));
    ProcessHandle process = builder.start().toHandle();
    CrashPoint.reach(CrashPoint.AFTER_SPAWN);
    checkpoint.writeProcess(process);
    return process;
  }

  private void watch(Running task) {
    running.put(task.task().key(), task);
    task.process().onExit().thenAccept(p -> context.runOnContext(v -> exited(task)));
  }

  /** The task's cgroup, the same in every run of the agent, so a recovered task is found in it. */
  private static String cgroupName(TaskInfo task) {
    return task.getAgentId() + "/" + task.getFrameworkId() + "/" + task.getTaskId();
  }

  /** How the task ended, as far as its cgroup and its wrapper can tell; read after it ended. */
  private record Outcome(Optional<Integer> status, boolean memoryLimitHit, Optional<Long> memoryLimit) {
  }

  private void exited(Running task) {
    String key = task.task().key();
    if (running.remove(key) != task) {
      return;
    }
    ended(task, killing.remove(key) != null);
  }

  /**
   * Ends what the task left behind, then reports the end from the exit status the wrapper recorded
   * (or did not, when it was killed).
   */
  private void ended(Running task, boolean killed) {
    String cgroup = cgroupName(task.task());
    vertx.executeBlocking(() -> {
      // a task recovered without a process (the agent died before recording its pid) may still have
      // one in its cgroup: it ends too, rather than run untracked
      endLeftovers(task.process() == null ? -1 : task.process().pid(), cgroup);
      Outcome outcome = new Outcome(task.checkpoint().exitStatus(), cgroups.memoryLimitHit(cgroup),
        cgroups.memoryLimitBytes(cgroup));
      cgroups.remove(cgroup);
      return outcome;
    }, false).onComplete(read -> {
      Outcome outcome = read.succeeded() ? read.result() : new Outcome(Optional.empty(), false, Optional.empty());
      Optional<Integer> status = outcome.status();
      Reports reports = task.reports();
      if (outcome.memoryLimitHit() && !killed) {
        reports.ended(task.task(), TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LIMITATION_MEMORY,
          "Memory limit exceeded: the task used more than its " + outcome.memoryLimit().map(b -> b / Cgroups.MB + " MB")
            .orElse("limit") + " and the kernel killed it");
      } else if (killed) {
        reports.ended(task.task(), TaskState.TASK_KILLED, null, "Command killed");
      } else if (status.isEmpty()) {
        reports.ended(task.task(), TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED,
          "Command ended without an exit status (killed by a signal, or while the agent was down)");
      } else if (status.get() == 0) {
        reports.ended(task.task(), TaskState.TASK_FINISHED, null, "Command exited with status 0");
      } else {
        int code = status.get();
        reports.ended(task.task(), TaskState.TASK_FAILED, TaskReason.REASON_COMMAND_EXECUTOR_FAILED,
          code > 128 ? "Command terminated with signal " + (code - 128) : "Command exited with status " + code);
      }
    });
  }

  @Override
  public void kill(TaskInfo info) {
    String key = info.key();
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
    // the grace of the kill asked for: a drain may cap the task's own
    long graceMs = Math.max(0, (long) (info.getKillGracePeriodSeconds() * 1000));
    vertx.setTimer(Math.max(1, graceMs), t -> {
      if (running.get(key) == task) {
        LOG.info(() -> "task " + key + " outlived its kill grace period; sending SIGKILL");
        // every process of the task's cgroup, or its process group where there are no cgroups
        vertx.executeBlocking(() -> cgroups.enabled() ? cgroups.killAll(cgroupName(info))
          : signalNow(pgid, "KILL"), false);
      }
    });
  }

  @Override
  public void resize(TaskInfo task, Resources resources) {
    vertx.executeBlocking(() -> cgroups.create(cgroupName(task), resources), false)
      .onFailure(e -> LOG.warning("could not resize the cgroups of " + task.key() + ": " + e.getMessage()));
  }

  /**
   * The task's cgroups where the agent isolates tasks; what they do not tell (no cgroups, no
   * cpuacct hierarchy) comes from /proc: the processes of the session its wrapper leads.
   */
  @Override
  public Future<Optional<ResourceStatistics>> usage(TaskInfo info) {
    Running task = running.get(info.key());
    if (task == null) {
      return Future.succeededFuture(Optional.empty());
    }
    long session = task.process().pid();
    return vertx.executeBlocking(() -> {
      ResourceStatistics.Builder usage = ResourceStatistics.newBuilder().setTimestamp(System.currentTimeMillis() / 1000.0);
      cgroups.usage(cgroupName(info), usage);
      ProcessTreeUsage.fillIn(ProcessTreeUsage.PROC, session, usage);
      return Optional.of(AllocatedLimits.fillIn(info.resources(), usage).build());
    }, false);
  }

  /**
   * What the task left behind ends with it. With cgroups that is every process in its cgroup,
   * whatever session or process group it moved to (a daemonized child too); without, its process
   * group, which the wrapper leads ({@code pgid}; -1 when unknown).
   */
  private void endLeftovers(long pgid, String cgroup) {
    if (cgroups.enabled() || pgid < 0) {
      int killed = cgroups.killAll(cgroup);
      if (killed > 0) {
        LOG.info(() -> "killed " + killed + " process(es) that task " + cgroup + " left behind");
      }
      return;
    }
    try {
      signalNow(pgid, "KILL");
    } catch (IOException e) {
      LOG.warning("could not kill what process group " + pgid + " left behind: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Signals the task's whole process group. */
  private void signal(long pgid, String signal) {
    vertx.executeBlocking(() -> signalNow(pgid, signal), false);
  }

  private static int signalNow(long pgid, String signal) throws IOException, InterruptedException {
    return new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
      .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}
