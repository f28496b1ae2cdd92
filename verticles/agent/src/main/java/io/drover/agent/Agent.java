package io.drover.agent;

import io.drover.agent.AgentSettings.ExecutorTimeouts;
import io.drover.agent.checkpoint.AgentCheckpoint;
import io.drover.agent.checkpoint.ExecutorCheckpoint.RecoveredExecutor;
import io.drover.agent.checkpoint.TaskCheckpoint.RecoveredTask;
import io.drover.agent.executor.CommandCheck;
import io.drover.agent.executor.RunAs;
import io.drover.agent.executor.SlowWork;
import io.drover.agent.executor.TaskExecutor;
import io.drover.agent.fetch.Fetcher;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.AgentRegistration;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One agent: its tasks, and the status updates it owes the framework. Many agents may share a
 * process; all of them live on the agent verticle's context.
 */
final class Agent implements TaskExecutor.Reports {

  static final int COMPLETED_TASKS_KEPT = 200;
  /** Checkpoint writers shared by the process's agents: enough fsyncs in flight for the disk to batch them. */
  static final String CHECKPOINT_POOL = "drover-checkpoints";
  static final int CHECKPOINT_THREADS = 16;

  private static final Logger LOG = Logger.getLogger(Agent.class.getName());

  private final AgentInfo info;
  private final AgentCheckpoint checkpoint;
  private final Vertx vertx;
  private final TaskExecutor executor;
  private final Fetcher fetcher;
  private final SecretStore secrets;
  private final RunAs runAs;
  private final WorkerExecutor slowWork;
  private final WorkerExecutor disk;
  private final StatusUpdateStream updates;
  /** The frameworks' own executors here, and the tasks they run. */
  private final FrameworkExecutors executors;
  private final PersistentVolumeDirs volumes;
  private final Map<String, HostedTask> tasks = new LinkedHashMap<>();
  private final Deque<HostedTask> completed = new ArrayDeque<>();
  private final AgentCounters counters = new AgentCounters();
  private long registeredEpoch;

  Agent(AgentInfo info, AgentCheckpoint checkpoint, Vertx vertx, TaskExecutor executor, Consumer<TaskStatus> sender,
        Fetcher fetcher, SecretStore secrets, RunAs runAs, ExecutorTimeouts timeouts, String endpoint,
        Consumer<FrameworkMessage> toSchedulers) {
    this.info = info;
    this.fetcher = fetcher;
    this.secrets = secrets;
    this.runAs = runAs;
    this.slowWork = SlowWork.pool(vertx);
    this.disk = vertx.createSharedWorkerExecutor(CHECKPOINT_POOL, CHECKPOINT_THREADS);
    this.checkpoint = checkpoint;
    this.volumes = new PersistentVolumeDirs(checkpoint.volumes());
    this.vertx = vertx;
    this.executor = executor;
    this.updates = new StatusUpdateStream(sender);
    this.executors = new FrameworkExecutors(vertx, this, checkpoint, executor, fetcher, secrets, slowWork, timeouts,
      endpoint, toSchedulers);
  }

  /** The directory under which this agent's sandboxes live. */
  Path sandboxes() {
    return checkpoint.sandboxes();
  }

  AgentInfo info() {
    return info;
  }

  String id() {
    return info.getId();
  }

  long registeredEpoch() {
    return registeredEpoch;
  }

  void registered(long epoch) {
    registeredEpoch = Math.max(registeredEpoch, epoch);
  }

  /** Forget the registration: the leader asked for it again. */
  void unregistered() {
    registeredEpoch = 0;
  }

  /** What the agent tells a (new) leader about itself. */
  AgentRegistration registration() {
    List<TaskInfo> infos = tasks.values().stream().map(t -> t.info).toList();
    List<TaskStatus> statuses = tasks.values().stream().filter(t -> t.latest != null).map(t -> t.latest).toList();
    Map<String, FrameworkInfo> frameworks = new LinkedHashMap<>();
    tasks.values().forEach(t -> frameworks.putIfAbsent(t.framework.getId(), t.framework));
    return new AgentRegistration(info, infos, statuses, List.copyOf(frameworks.values()), checkpoint.replaces());
  }

  /**
   * Launches one task, or a task group all or nothing; false when one of them is already here. A
   * framework's executor gets its tasks once their checkpoints are written; the others start here.
   */
  boolean launch(List<TaskInfo> launched, FrameworkInfo framework) {
    if (launched.stream().anyMatch(t -> tasks.containsKey(t.key()))) {
      return false;
    }
    List<HostedTask> batch = new ArrayList<>();
    List<Future<Void>> written = new ArrayList<>();
    for (TaskInfo one : launched) {
      // the trace travels with the task's updates, never to disk or to a registration
      TaskInfo task = one.withTrace(LaunchTrace.EMPTY);
      boolean ownExecutor = FrameworkExecutors.runsOnFrameworkExecutor(task);
      // a framework executor's tasks share its sandbox, as in Mesos
      Path sandbox = checkpoint.sandbox(task.getFrameworkId(),
        ownExecutor ? task.getExecutor().getExecutorId() : task.getTaskId());
      HostedTask hosted = new HostedTask(task, framework, sandbox,
        checkpoint.task(task.getFrameworkId(), task.getTaskId()));
      hosted.trace = one.getTrace();
      hosted.passed(LaunchTrace.Hop.AGENT_RECEIVED);
      tasks.put(hosted.key(), hosted);
      batch.add(hosted);
      // the task is on disk before its process exists, so a restarted agent finds every process it started
      written.add(journal(hosted, () -> hosted.checkpoint.writeTask(task, framework)));
    }
    Future.join(written).onComplete(all -> {
      if (all.failed()) {
        batch.forEach(t -> ended(t.info, TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED,
          "could not checkpoint the task: " + all.cause().getMessage()));
      } else if (FrameworkExecutors.runsOnFrameworkExecutor(batch.get(0).info)) {
        executors.launch(batch, framework);
      } else {
        batch.forEach(this::start);
      }
    });
    return true;
  }

  /** Where a DEFAULT executor's group keeps what its tasks share: the executor's sandbox, as in Mesos. */
  Path groupSandbox(TaskInfo task) {
    return checkpoint.sandbox(task.getFrameworkId(), task.getExecutor().getExecutorId());
  }

  /** Starts a task with the agent's own runner: its URIs fetched, then its command or container. */
  private void start(HostedTask hosted) {
    TaskInfo task = hosted.info;
    if (killedBeforeStart(hosted)) {
      return;
    }
    update(hosted, TaskState.TASK_STARTING, null, "starting");
    slowWork.executeBlocking(() -> {
      Files.createDirectories(hosted.sandbox);
      volumes.link(task.getVolumes(), hosted.sandbox);
      if (!task.getSharedVolumes().isEmpty()) {
        PersistentVolumeDirs.linkShared(task.getSharedVolumes(), groupSandbox(task), hosted.sandbox);
      }
      if (task.getCommand() == null) {
        return Map.<String, String>of();
      }
      fetcher.fetchAll(task.getCommand(), hosted.sandbox);
      return secrets.resolve(task.getCommand().getSecretEnvironment());
    }, false).onComplete(fetched -> {
      // a kill that came meanwhile wins over how the fetch went
      if (killedBeforeStart(hosted)) {
        return;
      }
      if (fetched.failed()) {
        ended(task, TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LAUNCH_FAILED, fetched.cause().getMessage());
        return;
      }
      hosted.executing = true;
      hosted.secrets = fetched.result();
      hosted.passed(LaunchTrace.Hop.SANDBOX_READY);
      try {
        executor.launch(task, hosted.sandbox, environment(hosted), hosted.checkpoint, this);
      } catch (RuntimeException e) {
        ended(task, TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED, "could not launch: " + e.getMessage());
      }
    });
  }

  /** A kill that came before the executor had the task: it never starts. */
  private boolean killedBeforeStart(HostedTask task) {
    if (task.killRequested) {
      ended(task.info, TaskState.TASK_KILLED, null, "Killed before it started");
    }
    return task.killRequested;
  }

  /**
   * Takes back the tasks of an earlier run of this agent: their unacknowledged updates go out
   * again, running ones are watched again, and ones that ended meanwhile are reported (once: the
   * report is checkpointed like any update).
   */
  void recover(List<RecoveredTask> recovered, List<RecoveredExecutor> recoveredExecutors) {
    long now = System.currentTimeMillis();
    executors.recover(recoveredExecutors);
    for (RecoveredTask task : recovered) {
      boolean ownExecutor = FrameworkExecutors.runsOnFrameworkExecutor(task.info());
      HostedTask hosted = new HostedTask(task.info(), task.framework(), checkpoint.sandbox(task.info().getFrameworkId(),
        ownExecutor ? task.info().getExecutor().getExecutorId() : task.info().getTaskId()), task.checkpoint());
      hosted.latest = task.latest();
      task.unacknowledged().forEach(update -> updates.add(update, now));
      if (hosted.state().isTerminal() && task.unacknowledged().isEmpty()) {
        complete(hosted);
        continue;
      }
      tasks.put(hosted.key(), hosted);
      if (ownExecutor) {
        hosted.executing = hosted.latest != null;
        if (!executors.adopt(hosted, task) && !hosted.state().isTerminal()) {
          ended(hosted.info, TaskState.TASK_FAILED, TaskReason.REASON_EXECUTOR_TERMINATED,
            "its executor was not found when the agent restarted");
        }
      } else if (!hosted.state().isTerminal()) {
        hosted.executing = true;
        executor.recover(task.info(), task.checkpoint(), this);
        if (hosted.state() == TaskState.TASK_KILLING) {
          // the kill was under way when the agent stopped: finish it
          executor.kill(task.info());
        }
        if (hosted.state() == TaskState.TASK_RUNNING) {
          startChecks(hosted);
        }
      }
    }
    LOG.log(tasks.isEmpty() && updates.size() == 0 ? Level.FINE : Level.INFO, () -> "agent " + id() + " recovered "
      + tasks.size() + " task(s), " + updates.size()
      + " unacknowledged update(s)");
  }

  /** The task's environment: its own variables and secrets, its ports, and Mesos's variables. */
  private Map<String, String> environment(HostedTask hosted) {
    TaskInfo task = hosted.info;
    Path sandbox = hosted.sandbox;
    Map<String, String> env = new LinkedHashMap<>(task.getCommand() == null ? Map.of()
      : task.getCommand().getEnvironment());
    if (hosted.secrets != null) {
      env.putAll(hosted.secrets);
    }
    // a scheduler that orders its ports (Marathon: PORT0 is the first port definition) sets them itself
    if (!env.containsKey("PORTS")) {
      List<Long> ports = task.resources().ports().values().boxed().toList();
      for (int i = 0; i < ports.size(); i++) {
        env.put("PORT" + i, Long.toString(ports.get(i)));
      }
      if (!ports.isEmpty()) {
        env.put("PORT", Long.toString(ports.get(0)));
      }
      env.put("PORTS", String.join(",", ports.stream().map(String::valueOf).toList()));
    }
    env.put("HOST", info.getHostname());
    env.put("MESOS_SANDBOX", sandbox.toString());
    env.put("MESOS_TASK_ID", task.getTaskId());
    env.put("MESOS_FRAMEWORK_ID", task.getFrameworkId());
    env.put("MESOS_AGENT_ID", info.getId());
    return env;
  }

  /** Kills a task; false when no such task is running here. */
  boolean kill(String frameworkId, String taskId) {
    return kill(frameworkId, taskId, null);
  }

  /** @param maxGraceSeconds caps the task's kill grace period (a drain's), or null */
  boolean kill(String frameworkId, String taskId, Double maxGraceSeconds) {
    HostedTask task = tasks.get(TaskInfo.key(frameworkId, taskId));
    if (task == null || task.state().isTerminal()) {
      return false;
    }
    if (FrameworkExecutors.runsOnFrameworkExecutor(task.info)) {
      // the framework's executor reports the kill itself
      executors.kill(task);
      return true;
    }
    if (task.state() != TaskState.TASK_KILLING) {
      update(task, TaskState.TASK_KILLING, null, "killing");
    }
    if (task.executing) {
      boolean capped = maxGraceSeconds != null && maxGraceSeconds < task.info.getKillGracePeriodSeconds();
      executor.kill(capped ? task.info.withKillGracePeriod(maxGraceSeconds) : task.info);
    } else {
      task.killRequested = true;
    }
    return true;
  }

  /**
   * Deletes the data of destroyed persistent volumes. The master destroys only volumes no task
   * uses; one a task here still uses (the master's view lagging) is refused, its data kept.
   */
  Future<Void> destroyVolumes(List<PersistentVolume> destroyed) {
    Set<String> ids = destroyed.stream().map(PersistentVolume::id).collect(Collectors.toSet());
    Optional<HostedTask> user = tasks.values().stream().filter(t -> !t.state().isTerminal())
      .filter(t -> t.info.getVolumes().stream().anyMatch(v -> ids.contains(v.id()))).findFirst();
    if (user.isPresent()) {
      return Future.failedFuture("task " + user.get().info.getTaskId() + " still uses a volume of " + ids);
    }
    return slowWork.executeBlocking(() -> {
      volumes.destroy(destroyed);
      return null;
    }, false);
  }

  void shutdownFramework(String frameworkId) {
    executors.shutdownFramework(frameworkId);
    tasks.values().stream().filter(t -> t.info.getFrameworkId().equals(frameworkId))
      .filter(t -> !FrameworkExecutors.runsOnFrameworkExecutor(t.info)).toList()
      .forEach(t -> kill(frameworkId, t.info.getTaskId()));
  }

  /** The framework acknowledged an update: let the next go, and forget a task whose end is known. */
  void acknowledge(String frameworkId, String taskId, String uuid) {
    String key = TaskInfo.key(frameworkId, taskId);
    TaskStatus acknowledged = updates.acknowledge(key, uuid, System.currentTimeMillis());
    HostedTask task = tasks.get(key);
    if (acknowledged == null || task == null) {
      return;
    }
    journal(task, () -> task.checkpoint.appendAcknowledgement(uuid));
    boolean ownExecutor = FrameworkExecutors.runsOnFrameworkExecutor(task.info);
    if (ownExecutor && TaskStatus.SOURCE_EXECUTOR.equals(acknowledged.getSource())) {
      executors.acknowledged(task, uuid);
    }
    // only the acknowledged terminal update proves the end is on disk and known
    if (acknowledged.getState().isTerminal() && !updates.pending(key)) {
      tasks.remove(key);
      complete(task);
      if (ownExecutor) {
        executors.completed(task);
      }
    }
  }

  /** A task whose end the framework knows: forget its checkpoint, keep it in the short history. */
  private void complete(HostedTask task) {
    journal(task, () -> {
      checkpoint.forget(task.checkpoint);
      // the sandbox's age counts from the task's end, for garbage collection
      task.sandbox.toFile().setLastModified(System.currentTimeMillis());
    });
    completed.addFirst(task);
    if (completed.size() > COMPLETED_TASKS_KEPT) {
      completed.removeLast();
    }
  }

  void resendDue(long nowMs) {
    updates.resendDue(nowMs);
  }

  void resendAll(long nowMs) {
    updates.resendAll(nowMs);
  }

  Collection<HostedTask> tasks() {
    return tasks.values();
  }

  /** The agent as it is now, for the HTTP API. */
  AgentView view() {
    Resources used = tasks.values().stream().filter(t -> !t.state().isTerminal()).map(t -> t.info.resources())
      .reduce(Resources.EMPTY, Resources::plus);
    used = executors.all().stream().map(e -> e.info.resources()).reduce(used, Resources::plus);
    return new AgentView(info, used, registeredEpoch, updates.size(), sandboxes(),
      tasks.values().stream().map(HostedTask::view).toList(), completed.stream().map(HostedTask::view).toList(),
      counters.totals());
  }

  @Override
  public void running(TaskInfo info, String message) {
    running(info, message, List.of());
  }

  @Override
  public void running(TaskInfo info, String message, List<String> containerIps) {
    HostedTask task = tasks.get(TaskInfo.key(info.getFrameworkId(), info.getTaskId()));
    // a task being killed stays KILLING; a recovered one that runs already is not announced again
    if (task == null || task.state().isTerminal()) {
      counters.invalid();
    } else if (task.state() == TaskState.TASK_STAGING || task.state() == TaskState.TASK_STARTING) {
      task.passed(LaunchTrace.Hop.SPAWNED);
      publish(task, TaskStatus.fromAgent(task.info, TaskState.TASK_RUNNING, null, message).withContainerIps(containerIps));
      startChecks(task);
    }
  }

  /**
   * Starts the task's health check and its plain check, those it has: each change of the health
   * verdict, and each new finding of the check, is a status update.
   */
  private void startChecks(HostedTask task) {
    if (task.info.getHealthCheck() == null && task.info.getCheck() == null || task.health != null
      || task.check != null) {
      return;
    }
    if (!executor.checksHealth()) {
      // an emulated task has nothing to check; healthy, as a real one that passes would be
      if (task.info.getHealthCheck() != null) {
        publish(task, task.latest.withHealth(true, "emulated: not checked"));
      }
      return;
    }
    Map<String, String> references = task.info.getCommand() == null ? Map.of()
      : task.info.getCommand().getSecretEnvironment();
    if (task.secrets == null && !references.isEmpty()) {
      // recovered after an agent restart: its checks read its secrets again, as its launch did
      slowWork.executeBlocking(() -> secrets.resolve(references), false).onComplete(read -> {
        task.secrets = read.succeeded() ? read.result() : Map.of();
        if (read.failed()) {
          LOG.warning("the checks of " + task.key() + " run without its secrets: " + read.cause().getMessage());
        }
        if (task.state() == TaskState.TASK_RUNNING) {
          startChecks(task);
        }
      });
      return;
    }
    // like Mesos, HTTP and TCP checks go to the task's port on this host's loopback
    CommandCheck commands = executor.commandCheck(task.info,
      new HostCommandCheck(task.info, task.sandbox, environment(task), runAs));
    HealthCheck health = task.info.getHealthCheck();
    if (health != null) {
      HealthVerdicts verdicts = new HealthVerdicts(health, System::currentTimeMillis, (healthy, why) -> {
        if (task.state() == TaskState.TASK_RUNNING) {
          publish(task, task.latest.withHealth(healthy, why));
        }
      });
      task.health = new TaskCheckRunner(vertx, health, new CheckProbe(task.info, health, "127.0.0.1", commands),
        result -> verdicts.judge(result.failure()));
      task.health.start();
    }
    HealthCheck check = task.info.getCheck();
    if (check != null) {
      task.check = new TaskCheckRunner(vertx, check, new CheckProbe(task.info, check, "127.0.0.1", commands),
        result -> {
          // Mesos sends a check's status when it changes, not after every run
          if (task.state() == TaskState.TASK_RUNNING && result.status() != null
            && !result.status().equals(task.latest.getCheckStatus())) {
            publish(task, task.latest.withCheckStatus(result.status()));
          }
        });
      task.check.start();
    }
  }

  @Override
  public void ended(TaskInfo info, TaskState state, TaskReason reason, String message) {
    HostedTask task = tasks.get(TaskInfo.key(info.getFrameworkId(), info.getTaskId()));
    if (task == null || task.state().isTerminal()) {
      counters.invalid();
      return;
    }
    task.stopChecks();
    update(task, state, reason, message);
    if (task.info.getGroup() != null && state != TaskState.TASK_FINISHED) {
      // the DEFAULT executor's group stands or falls together: a task that failed or was killed takes the others
      tasks.values().stream().filter(t -> task.info.getGroup().equals(t.info.getGroup())
          && t.info.getFrameworkId().equals(task.info.getFrameworkId()) && !t.state().isTerminal()).toList()
        .forEach(t -> kill(t.info.getFrameworkId(), t.info.getTaskId()));
    }
  }

  /** A framework executor's update of one of its tasks, published like the agent's own. */
  void reported(HostedTask task, TaskStatus update) {
    publish(task, update);
  }

  /** An executor reported on a task it does not have, or one that ended already: dropped. */
  void invalidUpdate() {
    counters.invalid();
  }

  /** One of the frameworks' executors ended. */
  void executorTerminated() {
    counters.executorEnded();
  }

  /** A scheduler's message for one of its executors here; false when no such executor is subscribed. */
  boolean deliver(FrameworkMessage message) {
    return executors.deliver(message);
  }

  FrameworkExecutors executors() {
    return executors;
  }

  private void update(HostedTask task, TaskState state, TaskReason reason, String message) {
    publish(task, TaskStatus.fromAgent(task.info, state, reason, message));
  }

  /** A new update: written to disk (fsync) first, sent only then. */
  private void publish(HostedTask task, TaskStatus update) {
    // a framework executor outlives its tasks: its end is counted when it ends
    counters.updated(task.state(), update.getState(),
      task.executing && !FrameworkExecutors.runsOnFrameworkExecutor(task.info));
    task.latest = update;
    journal(task, () -> task.checkpoint.appendUpdate(update)).onComplete(written -> {
      if (written.failed()) {
        // better sent without the disk than never: it is still resent until acknowledged
        LOG.severe("could not checkpoint " + update + "; sending it anyway: " + written.cause().getMessage());
      }
      updates.add(task.traced(update), System.currentTimeMillis());
    });
  }

  /**
   * A task's disk work, off the event loop and in the order it was asked for: its updates reach
   * the disk in the order they were made. Different tasks' writes run side by side, so that the
   * disk can commit many tasks' fsyncs at once instead of one after the other.
   */
  private Future<Void> journal(HostedTask task, Runnable write) {
    Future<Void> written = task.journal.transform(previous -> disk.executeBlocking(() -> {
      write.run();
      return null;
    }, false));
    task.journal = written;
    return written;
  }
}
