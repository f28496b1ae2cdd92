package io.drover.agent;

import io.drover.agent.checkpoint.ExecutorCheckpoint;
import io.drover.mesos.RecordIoStream;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A framework's executor on an agent (Mesos's {@code Executor}), from its launch until its process
 * ends: the process, its subscription, and the tasks it runs. Lives on the agent's context.
 */
final class FrameworkExecutor {

  /** Where the executor is in its life, as Mesos's agent tracks it. */
  enum Phase {
    /** Its URIs are being fetched and its process started. */
    LAUNCHING,
    /** Its process runs; it has not subscribed yet. */
    REGISTERING,
    /** Subscribed: launches, kills and acknowledgements reach it. */
    SUBSCRIBED,
    /** The agent restarted and found its process: it has to subscribe again. */
    RECOVERING,
    /** Being shut down or killed; its process is about to end. */
    TERMINATING
  }

  /** What the executor's unfinished tasks end as when it ends, when the agent ended it (Mesos's pending termination). */
  record Termination(TaskState state, TaskReason reason, String message) {
  }

  final ExecutorInfo info;
  final FrameworkInfo framework;
  /** Authenticates the executor's calls (Mesos's executor secret). */
  final String token;
  final String containerId;
  final Path sandbox;
  final ExecutorCheckpoint checkpoint;
  /** The executor's process as the agent's command runner sees it: a task of its own. */
  final TaskInfo process;
  Phase phase;
  /** Its tasks by id, from launch until their end is acknowledged. */
  final Map<String, HostedTask> tasks = new LinkedHashMap<>();
  /** Launches not sent to it yet: each one task or one task group. */
  final Deque<List<HostedTask>> queued = new ArrayDeque<>();
  /** Kills of tasks it has, to send once it subscribes (again). */
  final Set<String> pendingKills = new LinkedHashSet<>();
  /** Per task, the uuids of the updates it sent, each with whether the framework has acknowledged it. */
  private final Map<String, Map<String, Boolean>> updates = new HashMap<>();
  /** How many of its updates, over all its tasks, wait for the framework. */
  private int unacknowledged;
  RecordIoStream stream;
  /** The registration, recovery or shutdown timer running now, or -1. */
  long timer = -1;
  long heartbeat = -1;
  Termination termination;

  FrameworkExecutor(ExecutorInfo info, FrameworkInfo framework, String token, String containerId, Path sandbox,
                    ExecutorCheckpoint checkpoint, TaskInfo process, Phase phase) {
    this.info = info;
    this.framework = framework;
    this.token = token;
    this.containerId = containerId;
    this.sandbox = sandbox;
    this.checkpoint = checkpoint;
    this.process = process;
    this.phase = phase;
  }

  String key() {
    return ExecutorInfo.key(framework.getId(), info.getExecutorId());
  }

  String describe() {
    return "executor " + info.getExecutorId() + " of framework " + framework.getId();
  }

  boolean subscribed() {
    return phase == Phase.SUBSCRIBED && stream != null && stream.isOpen();
  }

  /** Records an update the executor sent (or, after a restart, had sent) for one of its tasks. */
  void sent(String taskId, String uuid, boolean acknowledged) {
    if (updates.computeIfAbsent(taskId, id -> new HashMap<>()).putIfAbsent(uuid, acknowledged) == null
      && !acknowledged) {
      unacknowledged++;
    }
  }

  /** The framework acknowledged one of its updates. */
  void acknowledged(String taskId, String uuid) {
    Map<String, Boolean> sent = updates.get(taskId);
    if (sent != null && Boolean.FALSE.equals(sent.replace(uuid, true))) {
      unacknowledged--;
    }
  }

  /** Whether the update is one it sent before: null when new, else whether it was acknowledged. */
  Boolean acknowledgedOrNull(String taskId, String uuid) {
    Map<String, Boolean> sent = updates.get(taskId);
    return sent == null ? null : sent.get(uuid);
  }

  int unacknowledged() {
    return unacknowledged;
  }

  /** The task's end was acknowledged: its updates are forgotten with it. */
  void forget(String taskId) {
    tasks.remove(taskId);
    Map<String, Boolean> sent = updates.remove(taskId);
    if (sent != null) {
      unacknowledged -= (int) sent.values().stream().filter(acknowledged -> !acknowledged).count();
    }
  }

  /** Whether the task was handed to the executor and has not been queued again. */
  boolean isQueued(HostedTask task) {
    return queued.stream().anyMatch(batch -> batch.contains(task));
  }
}
