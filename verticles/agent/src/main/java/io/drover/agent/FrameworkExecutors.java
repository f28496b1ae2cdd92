package io.drover.agent;

import io.drover.agent.AgentSettings.ExecutorTimeouts;
import io.drover.agent.FrameworkExecutor.Phase;
import io.drover.agent.FrameworkExecutor.Termination;
import io.drover.agent.checkpoint.AgentCheckpoint;
import io.drover.agent.checkpoint.ExecutorCheckpoint.RecoveredExecutor;
import io.drover.agent.checkpoint.ExecutorCheckpoint;
import io.drover.agent.checkpoint.TaskCheckpoint.RecoveredTask;
import io.drover.agent.executor.TaskExecutor;
import io.drover.agent.fetch.Fetcher;
import io.drover.mesos.MesosUuids;
import io.drover.mesos.RecordIoStream;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.Json;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One agent's framework executors (Mesos's custom executors): it starts each in its sandbox with
 * Mesos's environment, waits for it to subscribe over the v1 executor API, hands it its tasks, and
 * relays its updates and messages. An executor that does not subscribe in time, that ends, or that
 * does not come back after an agent restart takes its unfinished tasks with it, with Mesos's
 * reasons. Everything happens on the agent's context.
 */
final class FrameworkExecutors implements TaskExecutor.Reports {

  private static final Logger LOG = Logger.getLogger(FrameworkExecutors.class.getName());
  /** Mesos's agent heartbeats subscribed executors so that idle connections stay open. */
  static final long HEARTBEAT_MS = 30_000;
  /** How long an executor backs off at most between subscription attempts (MESOS_SUBSCRIPTION_BACKOFF_MAX). */
  static final long SUBSCRIPTION_BACKOFF_MAX_MS = 2_000;
  /** At most this many of an executor's updates wait for the framework; more are refused until some are acknowledged. */
  static final int MAX_UNACKNOWLEDGED = 10_000;
  private static final SecureRandom TOKENS = new SecureRandom();

  private final Vertx vertx;
  private final Agent agent;
  private final AgentCheckpoint checkpoint;
  private final TaskExecutor runner;
  private final Fetcher fetcher;
  private final SecretStore secrets;
  private final WorkerExecutor slowWork;
  private final ExecutorTimeouts timeouts;
  private final String endpoint;
  private final Consumer<FrameworkMessage> toSchedulers;
  private final Map<String, FrameworkExecutor> executors = new LinkedHashMap<>();
  private final Map<String, FrameworkExecutor> byProcess = new HashMap<>();
  private final Map<String, FrameworkExecutor> byToken = new HashMap<>();

  /**
   * @param endpoint      where executors reach the agent ({@code host:port}, MESOS_AGENT_ENDPOINT)
   * @param toSchedulers  sends an executor's message towards its scheduler
   */
  FrameworkExecutors(Vertx vertx, Agent agent, AgentCheckpoint checkpoint, TaskExecutor runner, Fetcher fetcher,
                     SecretStore secrets, WorkerExecutor slowWork, ExecutorTimeouts timeouts, String endpoint,
                     Consumer<FrameworkMessage> toSchedulers) {
    this.vertx = vertx;
    this.agent = agent;
    this.checkpoint = checkpoint;
    this.runner = runner;
    this.fetcher = fetcher;
    this.secrets = secrets;
    this.slowWork = slowWork;
    this.timeouts = timeouts;
    this.endpoint = endpoint;
    this.toSchedulers = toSchedulers;
  }

  /** Whether the task is run by a framework's own executor (not the agent's command, Docker or DEFAULT runner). */
  static boolean runsOnFrameworkExecutor(TaskInfo task) {
    return task.getExecutor() != null && task.getExecutor().getType() == ExecutorInfo.Type.CUSTOM;
  }

  /** An executor with the agent's executors that hold it: whom an executor's call is for. */
  record Session(FrameworkExecutors executors, FrameworkExecutor executor) {
  }

  Optional<FrameworkExecutor> byToken(String token) {
    return Optional.ofNullable(byToken.get(token));
  }

  List<FrameworkExecutor> all() {
    return List.copyOf(executors.values());
  }

  // ---- launching

  /** Hands one task, or a task group, to its executor, starting the executor first when it does not run. */
  void launch(List<HostedTask> batch, FrameworkInfo framework) {
    ExecutorInfo info = batch.get(0).info.getExecutor();
    FrameworkExecutor executor = executors.get(ExecutorInfo.key(framework.getId(), info.getExecutorId()));
    if (executor != null && executor.phase == Phase.TERMINATING) {
      batch.forEach(task -> agent.ended(task.info, TaskState.TASK_LOST, TaskReason.REASON_EXECUTOR_TERMINATED,
        executor.describe() + " is shutting down; launch the task again"));
      return;
    }
    FrameworkExecutor target = executor != null ? executor : start(info, framework);
    batch.forEach(task -> target.tasks.put(task.info.getTaskId(), task));
    target.queued.add(batch);
    resize(target);
    if (target.subscribed()) {
      flush(target);
    }
  }

  private FrameworkExecutor start(ExecutorInfo info, FrameworkInfo framework) {
    String frameworkId = framework.getId();
    ExecutorCheckpoint executorCheckpoint = checkpoint.executor(frameworkId, info.getExecutorId());
    FrameworkExecutor executor = new FrameworkExecutor(info, framework, HexFormat.of().formatHex(randomBytes()),
      UUID.randomUUID().toString(), checkpoint.sandbox(frameworkId, info.getExecutorId()), executorCheckpoint,
      processOf(info, frameworkId), Phase.LAUNCHING);
    track(executor);
    LOG.info(() -> "launching " + executor.describe() + " in " + executor.sandbox);
    slowWork.executeBlocking(() -> {
      Files.createDirectories(executor.sandbox);
      // recorded before its process exists, so a restarted agent finds every executor it started
      executorCheckpoint.write(info, framework, executor.token, executor.containerId);
      if (info.getCommand() == null) {
        return Map.<String, String>of();
      }
      fetcher.fetchAll(info.getCommand(), executor.sandbox);
      return secrets.resolve(info.getCommand().getSecretEnvironment());
    }, false).onComplete(prepared -> {
      if (executor.phase == Phase.TERMINATING) {
        exited(executor, "shut down before it started");
      } else if (prepared.failed()) {
        executor.termination = new Termination(TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LAUNCH_FAILED,
          "could not launch " + executor.describe() + ": " + prepared.cause().getMessage());
        exited(executor, prepared.cause().getMessage());
      } else {
        Map<String, String> env = environment(executor);
        env.putAll(prepared.result());
        runner.launch(executor.process, executor.sandbox, env, executorCheckpoint.process(), this);
      }
    });
    return executor;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    TOKENS.nextBytes(bytes);
    return bytes;
  }

  /**
   * The executor's process as a task of the command runner: its own id space ({@code executor.<id>})
   * keeps its cgroups and bookkeeping apart from tasks'. Its limits grow with its tasks ({@link #resize}).
   */
  private TaskInfo processOf(ExecutorInfo info, String frameworkId) {
    String id = "executor." + info.getExecutorId();
    return new TaskInfo(id, info.getName(), frameworkId, agent.id(), info.resources(), info.getCommand(),
      info.getContainer(), null, Map.of(), timeouts.shutdownGraceMs() / 1000.0);
  }

  /** The executor's container holds its own resources and its live tasks', as Mesos's containerizer updates it. */
  private void resize(FrameworkExecutor executor) {
    Resources total = executor.tasks.values().stream().filter(t -> !t.state().isTerminal())
      .map(t -> t.info.resources()).reduce(executor.info.resources(), Resources::plus);
    runner.resize(executor.process, total);
  }

  /** Mesos's executor environment, besides the executor's own variables. */
  private Map<String, String> environment(FrameworkExecutor executor) {
    Map<String, String> env = new LinkedHashMap<>(executor.info.getCommand() == null ? Map.of()
      : executor.info.getCommand().getEnvironment());
    String sandbox = executor.sandbox.toString();
    env.put("MESOS_FRAMEWORK_ID", executor.framework.getId());
    env.put("MESOS_EXECUTOR_ID", executor.info.getExecutorId());
    env.put("MESOS_AGENT_ID", agent.id());
    env.put("MESOS_SLAVE_ID", agent.id());
    env.put("MESOS_AGENT_ENDPOINT", endpoint);
    env.put("MESOS_DIRECTORY", sandbox);
    env.put("MESOS_SANDBOX", sandbox);
    env.put("MESOS_CHECKPOINT", "1");
    env.put("MESOS_HTTP_COMMAND_EXECUTOR", "0");
    env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", duration(timeouts.shutdownGraceMs()));
    env.put("MESOS_RECOVERY_TIMEOUT", duration(timeouts.recoveryMs()));
    env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", duration(SUBSCRIPTION_BACKOFF_MAX_MS));
    env.put("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", executor.token);
    env.put("HOST", agent.info().getHostname());
    return env;
  }

  /** A duration as Mesos writes one in flags and environment variables. */
  static String duration(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + "secs" : ms + "ms";
  }

  private void track(FrameworkExecutor executor) {
    executors.put(executor.key(), executor);
    byProcess.put(executor.process.key(), executor);
    byToken.put(executor.token, executor);
  }

  // ---- the executor's process, as the command runner reports it

  @Override
  public void running(TaskInfo process, String message) {
    FrameworkExecutor executor = byProcess.get(process.key());
    if (executor != null && executor.phase == Phase.LAUNCHING) {
      executor.phase = Phase.REGISTERING;
      // the process started with its own limits: add its tasks'
      resize(executor);
      LOG.info(() -> executor.describe() + " started (" + message + "); waiting for it to subscribe");
      restartTimer(executor, timeouts.registrationMs(), () -> {
        if (executor.phase == Phase.REGISTERING) {
          terminate(executor, new Termination(TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_REGISTRATION_TIMEOUT,
            "Executor did not register within " + duration(timeouts.registrationMs())));
        }
      });
    }
  }

  @Override
  public void ended(TaskInfo process, TaskState state, TaskReason reason, String message) {
    FrameworkExecutor executor = byProcess.get(process.key());
    if (executor != null) {
      exited(executor, message);
    }
  }

  /** The executor's process is gone: its unfinished tasks end, as the agent's termination or Mesos's crash says. */
  private void exited(FrameworkExecutor executor, String how) {
    if (executors.get(executor.key()) != executor) {
      return;
    }
    executors.remove(executor.key());
    byProcess.remove(executor.process.key());
    byToken.remove(executor.token);
    cancelTimers(executor);
    if (executor.stream != null) {
      executor.stream.close();
    }
    Termination end = executor.termination != null ? executor.termination
      : new Termination(TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED,
        "Abnormal executor termination: " + how);
    LOG.info(() -> executor.describe() + " ended: " + how);
    agent.executorTerminated();
    for (HostedTask task : executor.tasks.values()) {
      if (!task.state().isTerminal()) {
        agent.ended(task.info, end.state(), end.reason(), end.message());
      }
    }
    slowWork.executeBlocking(() -> {
      checkpoint.forget(executor.checkpoint);
      return null;
    }, false);
  }

  // ---- the agent's side of its life

  /** Kills a task the way Mesos's agent does: the executor is asked; one that has not got it yet never will. */
  void kill(HostedTask task) {
    FrameworkExecutor executor = executorOf(task.info).orElse(null);
    if (executor == null) {
      agent.ended(task.info, TaskState.TASK_KILLED, null, "Killed: its executor was gone");
      return;
    }
    List<HostedTask> batch = executor.queued.stream().filter(b -> b.contains(task)).findFirst().orElse(null);
    if (batch != null) {
      // a task group is killed whole, as Mesos's executors kill one
      executor.queued.remove(batch);
      batch.forEach(t -> agent.ended(t.info, TaskState.TASK_KILLED, null, "Killed before its executor had it"));
      if (executor.tasks.values().stream().allMatch(t -> t.state().isTerminal()) && executor.queued.isEmpty()) {
        shutdown(executor, null);
      }
    } else if (executor.subscribed()) {
      executor.stream.send(ExecutorEvents.kill(task.info));
    } else {
      executor.pendingKills.add(task.info.getTaskId());
    }
  }

  /** The framework is gone: its executors are shut down, and what they leave unfinished is killed. */
  void shutdownFramework(String frameworkId) {
    executors.values().stream().filter(e -> e.framework.getId().equals(frameworkId)).toList()
      .forEach(e -> shutdown(e, new Termination(TaskState.TASK_KILLED, TaskReason.REASON_EXECUTOR_UNREGISTERED,
        "Its framework was shut down")));
  }

  /**
   * Asks the executor to shut down (SHUTDOWN), then kills its process after the grace period; one
   * that has not subscribed is killed at once.
   */
  private void shutdown(FrameworkExecutor executor, Termination termination) {
    if (executor.phase == Phase.TERMINATING) {
      return;
    }
    if (executor.termination == null) {
      executor.termination = termination;
    }
    if (!executor.subscribed()) {
      terminate(executor, termination);
      return;
    }
    LOG.info(() -> "shutting down " + executor.describe());
    executor.phase = Phase.TERMINATING;
    executor.stream.send(ExecutorEvents.shutdown());
    restartTimer(executor, timeouts.shutdownGraceMs(), () -> runner.kill(executor.process));
  }

  /** Kills the executor's process now; its tasks end as {@code termination} says. */
  private void terminate(FrameworkExecutor executor, Termination termination) {
    if (executor.termination == null) {
      executor.termination = termination;
    }
    boolean started = executor.phase != Phase.LAUNCHING;
    executor.phase = Phase.TERMINATING;
    cancelTimers(executor);
    if (executor.termination != null) {
      LOG.info(() -> "killing " + executor.describe() + ": " + executor.termination.message());
    }
    if (started) {
      runner.kill(executor.process);
    }
  }

  /** The framework acknowledged the executor's update: the executor hears of it (ACKNOWLEDGED). */
  void acknowledged(HostedTask task, String uuid) {
    executorOf(task.info).ifPresent(executor -> {
      executor.acknowledged(task.info.getTaskId(), uuid);
      if (executor.subscribed()) {
        executor.stream.send(ExecutorEvents.acknowledged(task.info.getTaskId(), uuid));
      }
    });
  }

  /** The agent forgot a task whose end was acknowledged: an executor left without tasks is shut down. */
  void completed(HostedTask task) {
    executorOf(task.info).ifPresent(executor -> {
      executor.forget(task.info.getTaskId());
      if (executor.tasks.isEmpty() && executor.queued.isEmpty()) {
        shutdown(executor, null);
      }
    });
  }

  private Optional<FrameworkExecutor> executorOf(TaskInfo task) {
    return Optional.ofNullable(executors.get(ExecutorInfo.key(task.getFrameworkId(),
      task.getExecutor().getExecutorId())));
  }

  // ---- recovery

  /**
   * After an agent restart: each executor that still runs has the recovery timeout to subscribe
   * again; one whose process is gone ends, and takes its tasks with it.
   */
  void recover(List<RecoveredExecutor> recovered) {
    for (RecoveredExecutor found : recovered) {
      FrameworkExecutor executor = new FrameworkExecutor(found.info(), found.framework(), found.token(),
        found.containerId(), checkpoint.sandbox(found.framework().getId(), found.info().getExecutorId()),
        found.checkpoint(), processOf(found.info(), found.framework().getId()), Phase.RECOVERING);
      track(executor);
      restartTimer(executor, timeouts.recoveryMs(), () -> {
        if (executor.phase == Phase.RECOVERING) {
          terminate(executor, new Termination(TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
            "Executor did not reregister within " + duration(timeouts.recoveryMs())));
        }
      });
      runner.recover(executor.process, found.checkpoint().process(), this);
    }
  }

  /**
   * A recovered task goes back to its executor, which knows again the updates it sent and which of
   * them the framework acknowledged; false when that executor is not here any more.
   */
  boolean adopt(HostedTask task, RecoveredTask recovered) {
    Optional<FrameworkExecutor> executor = executorOf(task.info);
    executor.ifPresent(e -> {
      String taskId = task.info.getTaskId();
      e.tasks.put(taskId, task);
      Set<String> waiting = recovered.unacknowledged().stream().map(TaskStatus::getUuid).collect(Collectors.toSet());
      recovered.updates().stream().filter(u -> TaskStatus.SOURCE_EXECUTOR.equals(u.getSource()))
        .forEach(u -> e.sent(taskId, u.getUuid(), !waiting.contains(u.getUuid())));
    });
    return executor.isPresent();
  }

  // ---- the executor's calls

  /**
   * SUBSCRIBE: the stream opens with SUBSCRIBED; an executor coming back after an agent restart
   * lists what it has not heard acknowledged, so nothing it sent is lost or counted twice, and a
   * task it never got is launched (again).
   */
  void subscribe(FrameworkExecutor executor, Call.Subscribe call, RecordIoStream stream) {
    if (executor.stream != null) {
      // the newest connection wins, as in Mesos: the old one may be half dead
      RecordIoStream old = executor.stream;
      executor.stream = null;
      old.close();
    }
    executor.stream = stream;
    executor.phase = Phase.SUBSCRIBED;
    cancelTimers(executor);
    executor.heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
      if (executor.subscribed()) {
        executor.stream.send(ExecutorEvents.heartbeat());
      }
    });
    LOG.info(() -> executor.describe() + " subscribed");
    stream.send(ExecutorEvents.subscribed(executor.info, executor.framework, agent.info(), executor.containerId));
    Set<String> known = call.getUnacknowledgedTasksList().stream().map(t -> t.getTaskId().getValue())
      .collect(Collectors.toSet());
    for (Call.Update update : call.getUnacknowledgedUpdatesList()) {
      known.add(update.getStatus().getTaskId().getValue());
      String taskId = update.getStatus().getTaskId().getValue();
      if (!executor.tasks.containsKey(taskId)) {
        // the agent forgets a task only once its end was acknowledged
        MesosUuids.string(update.getStatus().getUuid()).ifPresent(uuid ->
          stream.send(ExecutorEvents.acknowledged(taskId, uuid)));
      } else {
        String problem = update(executor, update);
        if (problem != null) {
          LOG.warning(executor.describe() + " resent an update that is refused: " + problem);
        }
      }
    }
    relaunchUnknown(executor, known);
    flush(executor);
  }

  /** Tasks the executor should have but does not know (the agent restarted before it got them) go to it again. */
  private static void relaunchUnknown(FrameworkExecutor executor, Set<String> known) {
    Map<String, List<HostedTask>> lost = new LinkedHashMap<>();
    for (HostedTask task : executor.tasks.values()) {
      if (task.latest == null && !known.contains(task.info.getTaskId()) && !executor.isQueued(task)) {
        String group = task.info.getGroup() != null ? task.info.getGroup() : task.info.getTaskId();
        lost.computeIfAbsent(group, g -> new ArrayList<>()).add(task);
      }
    }
    executor.queued.addAll(lost.values());
  }

  /** Sends the executor what waited for its subscription. */
  private void flush(FrameworkExecutor executor) {
    while (!executor.queued.isEmpty() && executor.subscribed()) {
      List<HostedTask> batch = executor.queued.poll().stream().filter(t -> !t.state().isTerminal()).toList();
      if (batch.isEmpty()) {
        continue;
      }
      batch.forEach(t -> t.executing = true);
      executor.stream.send(batch.get(0).info.getGroup() != null
        ? ExecutorEvents.launchGroup(batch.stream().map(t -> t.info).toList())
        : ExecutorEvents.launch(batch.get(0).info));
    }
    for (String taskId : List.copyOf(executor.pendingKills)) {
      HostedTask task = executor.tasks.get(taskId);
      executor.pendingKills.remove(taskId);
      if (task != null && !task.state().isTerminal()) {
        executor.stream.send(ExecutorEvents.kill(task.info));
      }
    }
  }

  /**
   * UPDATE: the executor's status of one of its tasks, published reliably (checkpointed, resent
   * until the framework acknowledges it). A repeat of one the agent has is not published twice.
   * Returns why it is refused, or null.
   */
  String update(FrameworkExecutor executor, Call.Update call) {
    Protos.TaskStatus status = call.getStatus();
    String taskId = status.getTaskId().getValue();
    HostedTask task = executor.tasks.get(taskId);
    if (task == null) {
      agent.invalidUpdate();
      return "task " + taskId + " is not a task of " + executor.describe() + " on this agent";
    }
    String uuid = MesosUuids.string(status.getUuid()).orElse(null);
    if (uuid == null) {
      return "an update needs a 'uuid' of 16 bytes";
    }
    if (status.getState() == Protos.TaskState.TASK_STAGING) {
      return "TASK_STAGING is the agent's state of a task, not an executor's update";
    }
    TaskState state;
    try {
      state = TaskState.valueOf(status.getState().name());
    } catch (IllegalArgumentException unknown) {
      return "state " + status.getState() + " is not one Drover tracks";
    }
    Boolean acknowledged = executor.acknowledgedOrNull(taskId, uuid);
    if (acknowledged != null) {
      // a resend: published once already; told again if the framework has it
      if (acknowledged && executor.subscribed()) {
        executor.stream.send(ExecutorEvents.acknowledged(taskId, uuid));
      }
      return null;
    }
    if (task.state().isTerminal()) {
      agent.invalidUpdate();
      return "task " + taskId + " has ended already (" + task.state() + ")";
    }
    if (executor.unacknowledged() >= MAX_UNACKNOWLEDGED) {
      return MAX_UNACKNOWLEDGED + " updates of " + executor.describe()
        + " wait for the framework's acknowledgement; send again later";
    }
    executor.sent(taskId, uuid, false);
    TaskReason reason = reason(status);
    agent.reported(task, new TaskStatus(taskId, executor.framework.getId(), agent.id(), state, reason,
      status.hasMessage() ? status.getMessage() : null, TaskStatus.SOURCE_EXECUTOR, uuid, Json.nowSeconds(),
      status.hasHealthy() ? status.getHealthy() : null));
    return null;
  }

  /** An executor may give any of Mesos's reasons; the ones Drover has no name for are left out. */
  private static TaskReason reason(Protos.TaskStatus status) {
    if (!status.hasReason()) {
      return null;
    }
    try {
      return TaskReason.valueOf(status.getReason().name());
    } catch (IllegalArgumentException unnamed) {
      return null;
    }
  }

  /** MESSAGE: passed on to the executor's scheduler; best effort. Returns why it is refused, or null. */
  String message(FrameworkExecutor executor, byte[] data) {
    if (data.length > FrameworkMessage.MAX_BYTES) {
      return "a framework message holds at most " + FrameworkMessage.MAX_BYTES + " bytes";
    }
    toSchedulers.accept(new FrameworkMessage(agent.id(), executor.framework.getId(), executor.info.getExecutorId(),
      data));
    return null;
  }

  /** A scheduler's message for one of its executors here; false when there is no such executor subscribed. */
  boolean deliver(FrameworkMessage message) {
    FrameworkExecutor executor = executors.get(ExecutorInfo.key(message.getFrameworkId(), message.getExecutorId()));
    if (executor == null || !executor.subscribed()) {
      return false;
    }
    return executor.stream.send(ExecutorEvents.message(message.data()));
  }

  /** The executor's event stream closed: it is expected to subscribe again (Mesos keeps it, disconnected). */
  void disconnected(FrameworkExecutor executor, RecordIoStream stream) {
    if (executor.stream == stream) {
      executor.stream = null;
      if (executor.heartbeat >= 0) {
        vertx.cancelTimer(executor.heartbeat);
        executor.heartbeat = -1;
      }
    }
  }

  // ---- timers

  private void restartTimer(FrameworkExecutor executor, long ms, Runnable then) {
    if (executor.timer >= 0) {
      vertx.cancelTimer(executor.timer);
    }
    executor.timer = vertx.setTimer(Math.max(1, ms), t -> {
      executor.timer = -1;
      then.run();
    });
  }

  private void cancelTimers(FrameworkExecutor executor) {
    if (executor.timer >= 0) {
      vertx.cancelTimer(executor.timer);
      executor.timer = -1;
    }
    if (executor.heartbeat >= 0) {
      vertx.cancelTimer(executor.heartbeat);
      executor.heartbeat = -1;
    }
  }
}
