package io.drover.agent;

import io.drover.agent.checkpoint.AgentCheckpoint;
import io.drover.agent.checkpoint.CheckpointException;
import io.drover.agent.checkpoint.ExecutorCheckpoint.RecoveredExecutor;
import io.drover.agent.checkpoint.TaskCheckpoint.RecoveredTask;
import io.drover.agent.executor.Cgroups;
import io.drover.agent.executor.CommandExecutor;
import io.drover.agent.executor.CrashPoint;
import io.drover.agent.executor.DockerExecutor;
import io.drover.agent.executor.EmulatedExecutor;
import io.drover.agent.executor.ExecutorRouter;
import io.drover.agent.executor.RunAs;
import io.drover.agent.executor.TaskExecutor;
import io.drover.agent.fetch.Fetcher;
import io.drover.common.Addresses;
import io.drover.common.Batcher;
import io.drover.common.LeaderDetector;
import io.drover.common.PortFile;
import io.drover.common.http.Probes;
import io.drover.common.security.Credentials;
import io.drover.protocol.AcknowledgeUpdate;
import io.drover.protocol.AcknowledgeUpdates;
import io.drover.protocol.AgentCommand;
import io.drover.protocol.AgentEvent;
import io.drover.protocol.AgentHeartbeat;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.DestroyVolumes;
import io.drover.protocol.Envelope;
import io.drover.protocol.ForAgent;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.Ids;
import io.drover.protocol.KillTask;
import io.drover.protocol.LaunchTasks;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.ShutdownFramework;
import io.drover.protocol.StatusUpdates;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The agent role: one process hosting one or many agents. It listens on one address for the whole
 * process ({@code drover.node.<nodeId>}) and routes each command by its agent id; it heartbeats once
 * for all its agents; and it drops commands from a leader older than the newest it has seen.
 */
public final class AgentVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(AgentVerticle.class.getName());
  private static final long RESEND_CHECK_MS = 250;
  private static final long SANDBOX_GC_CHECK_MS = 3_600_000;

  private final LeaderDetector detector;
  private final String nodeId = UUID.randomUUID().toString();
  private final long startedMs = System.currentTimeMillis();
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private AgentSettings settings;
  private Cgroups cgroups;
  /** This machine's resources, when no --resources says what to offer. */
  private Resources machine;
  private DockerExecutor docker;
  /** The secrets of --secrets-dir: tasks' variables and Docker pull configs name them. */
  private SecretStore secrets;
  /** The executor every hosted agent runs its tasks with; null until the agents exist. */
  private TaskExecutor executor;
  private RunAs runAs;
  private long highestEpoch;
  private Optional<LeaderInfo> leader = Optional.empty();
  /** The updates of all hosted agents, published a few milliseconds' worth at a time. */
  private Batcher<String, TaskStatus> updates;

  public AgentVerticle(LeaderDetector detector) {
    this.detector = detector;
  }

  @Override
  public Future<?> start() {
    settings = AgentSettings.from(config());
    CrashPoint.arm(config().getString("faultCrashAt", ""));
    updates = new Batcher<>(context, (address, batch) -> vertx.eventBus().publish(address,
      new StatusUpdates(batch).toJson(), Envelope.of(AgentEvent.STATUS_UPDATES)));
    FaultInjection.install(vertx, nodeId, settings.faultDropRate(), settings.faultDuplicateRate());
    AgentHttp http = new AgentHttp(vertx, this::view, this::usage, Credentials.from(config()),
      new ExecutorApi(this::executorWithToken));
    Probes.mount(vertx, http.router(), Path.of(settings.workDir()),
      List.of(Probes.zooKeeper(detector::connected), new Probes.Check("registered", this::registrationProblem)));
    return listen(http).compose(port -> vertx.executeBlocking(this::openCheckpoints)
      .map(checkpoints -> {
        createAgents(port, checkpoints);
        return port;
      })).compose(port -> {
      PortFile.write(settings.workDir(), "agent", port);
      LOG.info(() -> "agent process " + nodeId + " hosts " + agents.size() + " agent(s), listening on http://"
        + settings.host() + ":" + port);
      return vertx.eventBus().<JsonObject>consumer(Addresses.node(nodeId), this::onCommand).completion();
    }).onSuccess(v -> {
      vertx.setPeriodic(settings.heartbeatIntervalMs(), t -> heartbeat());
      vertx.setPeriodic(settings.registerRetryMs(), t -> registerPending());
      vertx.setPeriodic(RESEND_CHECK_MS, t -> agents.values().forEach(a -> a.resendDue(System.currentTimeMillis())));
      vertx.setPeriodic(Math.max(1_000, Math.min(settings.sandboxGcDelayMs(), SANDBOX_GC_CHECK_MS)), t -> collectSandboxes());
      detector.onChange(l -> context.runOnContext(x -> leaderChanged(l)));
    });
  }

  /** Null while a master leads and every agent of this process is registered with it. */
  private String registrationProblem() {
    long leaderEpoch = leader.map(LeaderInfo::getEpoch).orElse(0L);
    if (leaderEpoch == 0) {
      return "no master leads";
    }
    long behind = agents.values().stream().filter(a -> a.registeredEpoch() < leaderEpoch).count();
    return behind == 0 ? null : behind + " of " + agents.size() + " agent(s) not registered with the leader yet";
  }

  /**
   * Listens on the configured port; with none configured, on the port of the last run when it is
   * free, so that executors that outlived a restart find the agent where they left it.
   */
  private Future<Integer> listen(AgentHttp http) {
    Path remembered = Path.of(settings.workDir()).resolve("agents").resolve("last.port");
    Future<Integer> last = settings.port() != 0 ? Future.succeededFuture(0)
      : vertx.executeBlocking(() -> LastPort.read(remembered));
    Future<Integer> bound = last.compose(port -> port > 0
      ? http.listen(settings.host(), port).recover(taken -> http.listen(settings.host(), 0))
      : http.listen(settings.host(), settings.port()));
    return bound.compose(port -> vertx.executeBlocking(() -> {
      LastPort.write(remembered, port);
      return port;
    }));
  }

  /** The machine, isolation and Docker found out, and one agent directory read back per hosted agent. Blocking. */
  private List<Recovered> openCheckpoints() {
    machine = settings.resources() != null || settings.emulated() ? null
      : ResourceDetector.detect(Path.of(settings.workDir()));
    cgroups = Cgroups.detect();
    LOG.info(() -> "isolation: " + cgroups.status());
    secrets = new SecretStore(settings.secretsDir());
    docker = DockerExecutor.connect(vertx, settings.dockerSocket(), settings.dockerAllow(), secrets);
    LOG.info(() -> "containers: " + docker.status());
    runAs = settings.runAs();
    if (!settings.emulated()) {
      checkTaskUser();
    }
    List<Recovered> checkpoints = new ArrayList<>();
    for (int i = 0; i < settings.hostedAgents(); i++) {
      Path dir = Path.of(settings.workDir()).resolve("agents").resolve(Integer.toString(i));
      AgentCheckpoint checkpoint = AgentCheckpoint.open(dir, settings.recovery());
      if (checkpoint.replaces() != null) {
        clearAfter(checkpoint.replaces());
      }
      try {
        checkpoints.add(new Recovered(checkpoint, checkpoint.recover(), checkpoint.recoverExecutors()));
      } catch (CheckpointException e) {
        throw new CheckpointException(e.getMessage() + "; start with --recover cleanup to discard the agent's tasks");
      }
    }
    return checkpoints;
  }

  /**
   * An agent that was cleaned up or outlived by a reboot leaves nothing: every process in its
   * cgroups (what its tasks started, daemonized or not) and every container labelled with its id.
   */
  private void clearAfter(String replacedAgentId) {
    int processes = cgroups.clearAgent(replacedAgentId);
    int containers = docker.removeContainersOf(replacedAgentId);
    LOG.info(() -> "agent " + replacedAgentId + " is replaced: killed " + processes + " process(es) left in its"
      + " cgroups and removed " + containers + " of its container(s)");
  }

  /** The task user must exist and be able to enter the sandboxes, or no task could start. Blocking. */
  private void checkTaskUser() {
    runAs.check();
    if (!runAs.switches()) {
      return;
    }
    try {
      Path sandboxes = Path.of(settings.workDir()).resolve("agents");
      Files.createDirectories(sandboxes);
      Path closed = RunAs.closedTo(sandboxes);
      if (closed != null) {
        throw new IllegalStateException("tasks run as " + runAs.userFor(null) + ", who cannot enter " + closed
          + " (no execute permission for others): chmod o+x it, or choose another --work-dir or --task-user");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare " + settings.workDir() + ": " + e.getMessage(), e);
    }
    LOG.info(() -> "command tasks run as " + runAs.userFor(null));
  }

  private record Recovered(AgentCheckpoint checkpoint, List<RecoveredTask> tasks, List<RecoveredExecutor> executors) {
  }

  private void createAgents(int port, List<Recovered> checkpoints) {
    executor = settings.emulated() ? new EmulatedExecutor(vertx, settings.emulatedTaskMs())
      : new ExecutorRouter(new CommandExecutor(vertx, cgroups, runAs), docker);
    Fetcher fetcher = new Fetcher(settings.fetchLimits(), runAs);
    for (int i = 0; i < checkpoints.size(); i++) {
      AgentCheckpoint checkpoint = checkpoints.get(i).checkpoint();
      Resources resources = settings.resources() != null ? settings.resources().total()
        : settings.emulated() ? Resources.parse(AgentSettings.DEFAULT_EMULATED_RESOURCES)
        : ResourceDetector.share(machine, i, settings.agents());
      Reservations reserved = settings.resources() != null ? settings.resources().reserved() : Reservations.NONE;
      AgentInfo info = new AgentInfo(checkpoint.agentId(), settings.hostnameOf(i), port, nodeId, resources,
        settings.attributes()).withReserved(reserved);
      Agent agent = new Agent(info, checkpoint, vertx, executor, this::sendUpdate, fetcher, secrets, runAs,
        settings.executorTimeouts(), executorEndpoint(port), this::sendFrameworkMessage);
      agents.put(info.getId(), agent);
      if (!settings.emulated()) {
        LOG.info(() -> "agent " + info.getId() + " offers " + resources
          + (reserved.isEmpty() ? "" : ", reserved " + reserved)
          + (settings.attributes().asMap().isEmpty() ? "" : " with attributes " + settings.attributes()));
      }
      agent.recover(checkpoints.get(i).tasks(), checkpoints.get(i).executors());
    }
    if (settings.emulated()) {
      LOG.info(() -> "emulating " + agents.size() + " agents (" + settings.hostnameOf(0) + " ...), each offering "
        + agents.values().iterator().next().info().resources() + "; their tasks run nothing"
        + (settings.emulatedTaskMs() > 0 ? " and finish after " + settings.emulatedTaskMs() + " ms" : ""));
    }
  }

  /** Where executors on this machine reach the agent: its address, or the loopback when it listens on all. */
  private String executorEndpoint(int port) {
    String host = settings.host();
    boolean any = host.equals("0.0.0.0") || host.equals("::") || host.isBlank();
    return (any ? "127.0.0.1" : host) + ":" + port;
  }

  private void collectSandboxes() {
    for (Agent agent : agents.values()) {
      Set<String> active = agent.tasks().stream().map(HostedTask::key).collect(Collectors.toSet());
      agent.executors().all().forEach(e -> active.add(e.key()));
      // a DEFAULT executor's group keeps its shared volumes in the executor's sandbox while it runs
      agent.tasks().stream().filter(t -> t.info.getGroup() != null && !t.state().isTerminal())
        .forEach(t -> active.add(TaskInfo.key(t.info.getFrameworkId(), t.info.getExecutor().getExecutorId())));
      vertx.executeBlocking(() -> SandboxCollector.collect(agent.sandboxes(), active, settings.sandboxGcDelayMs(),
        System.currentTimeMillis()), false).onSuccess(removed -> {
          if (removed > 0) {
            LOG.info(() -> "agent " + agent.id() + " removed " + removed + " old sandbox(es)");
          }
        });
    }
  }

  // ---- towards the masters

  private void leaderChanged(Optional<LeaderInfo> newLeader) {
    leader = newLeader;
    newLeader.ifPresent(l -> {
      if (l.getEpoch() > highestEpoch) {
        highestEpoch = l.getEpoch();
        LOG.info(() -> "new leading master " + l.getMasterId() + " at " + l.address() + " (epoch " + l.getEpoch()
          + "); re-registering");
        long now = System.currentTimeMillis();
        agents.values().forEach(agent -> {
          register(agent);
          agent.resendAll(now);
        });
      }
    });
  }

  private void registerPending() {
    if (leader.isEmpty()) {
      return;
    }
    agents.values().stream().filter(a -> a.registeredEpoch() < highestEpoch).forEach(this::register);
  }

  private void register(Agent agent) {
    vertx.eventBus().publish(Addresses.AGENTS, agent.registration().toJson(), Envelope.of(AgentEvent.REGISTER));
  }

  private void heartbeat() {
    vertx.eventBus().publish(Addresses.AGENTS, new AgentHeartbeat(nodeId, List.copyOf(agents.keySet())).toJson(),
      Envelope.of(AgentEvent.HEARTBEAT));
  }

  private void sendUpdate(TaskStatus status) {
    updates.add(Addresses.AGENTS, status);
  }

  /** An executor's message for its scheduler, through the leader; best effort, as Mesos's framework messages. */
  private void sendFrameworkMessage(FrameworkMessage message) {
    vertx.eventBus().publish(Addresses.AGENTS, message.toJson(), Envelope.of(AgentEvent.EXECUTOR_MESSAGE));
  }

  private Optional<FrameworkExecutors.Session> executorWithToken(String token) {
    for (Agent agent : agents.values()) {
      Optional<FrameworkExecutor> executor = agent.executors().byToken(token);
      if (executor.isPresent()) {
        return Optional.of(new FrameworkExecutors.Session(agent.executors(), executor.get()));
      }
    }
    return Optional.empty();
  }

  // ---- from the leader

  private void onCommand(Message<JsonObject> message) {
    long epoch = Envelope.epoch(message);
    if (epoch < highestEpoch) {
      // fencing: a deposed leader must not launch or kill
      LOG.warning("dropped a command from stale epoch " + epoch + " (newest is " + highestEpoch + ")");
      message.fail(409, "stale epoch " + epoch + "; the newest leader has epoch " + highestEpoch);
      return;
    }
    highestEpoch = epoch;
    AgentCommand command = Envelope.action(message, AgentCommand.class);
    if (command == null) {
      message.fail(404, "unknown command " + message.headers().get(Envelope.ACTION));
      return;
    }
    try {
      Object body = command.read(message.body());
      if (body instanceof AcknowledgeUpdates acknowledged) {
        acknowledge(acknowledged);
      } else {
        obey(command, (ForAgent) body, epoch, message);
      }
    } catch (RuntimeException malformed) {
      message.fail(400, "malformed " + command + " command: " + malformed.getMessage());
    }
  }

  /** Acknowledgements come without a reply: a lost one only brings its update again. */
  private void acknowledge(AcknowledgeUpdates acknowledged) {
    for (AcknowledgeUpdate ack : acknowledged.getAcknowledgements()) {
      Agent agent = agents.get(ack.getAgentId());
      if (agent != null) {
        agent.acknowledge(ack.getFrameworkId(), ack.getTaskId(), ack.getUuid());
      }
    }
  }

  private void obey(AgentCommand command, ForAgent body, long epoch, Message<JsonObject> message) {
    Agent agent = agents.get(body.getAgentId());
    if (agent == null) {
      message.fail(404, "no agent " + body.getAgentId() + " here");
      return;
    }
    switch (command) {
      case REGISTERED -> {
        agent.registered(epoch);
        message.reply(null);
      }
      case REREGISTER -> {
        agent.unregistered();
        register(agent);
        message.reply(null);
      }
      case LAUNCH -> message.reply(LaunchTasks.refusals(launch(agent, (LaunchTasks) body)));
      case KILL -> {
        KillTask kill = (KillTask) body;
        if (agent.kill(kill.getFrameworkId(), kill.getTaskId(), kill.getMaxGracePeriodSeconds())) {
          message.reply(null);
        } else {
          message.fail(404, "no running task " + kill.getTaskId() + " on agent " + agent.id());
        }
      }
      case SHUTDOWN_FRAMEWORK -> {
        agent.shutdownFramework(((ShutdownFramework) body).getFrameworkId());
        message.reply(null);
      }
      case DESTROY_VOLUMES -> agent.destroyVolumes(((DestroyVolumes) body).getVolumes())
        .onSuccess(done -> message.reply(null)).onFailure(e -> message.fail(409, e.getMessage()));
      case FRAMEWORK_MESSAGE -> {
        FrameworkMessage sent = (FrameworkMessage) body;
        if (agent.deliver(sent)) {
          message.reply(null);
        } else {
          message.fail(404, "no subscribed executor " + sent.getExecutorId() + " of framework " + sent.getFrameworkId()
            + " on agent " + agent.id());
        }
      }
    }
  }

  /**
   * Launches the tasks of one accept, a task group's together; answers those it refused, each with
   * why (a group's tasks all with the same).
   */
  private Map<String, String> launch(Agent agent, LaunchTasks launch) {
    Map<String, String> refused = new LinkedHashMap<>();
    Map<String, List<TaskInfo>> batches = new LinkedHashMap<>();
    for (TaskInfo task : launch.getTasks()) {
      batches.computeIfAbsent(task.getGroup() != null ? "group " + task.getGroup() : "task " + task.getTaskId(),
        b -> new ArrayList<>()).add(task);
    }
    for (List<TaskInfo> batch : batches.values()) {
      String invalid = batch.stream().map(task -> problem(agent, task)).filter(Objects::nonNull).findFirst()
        .orElse(null);
      if (invalid == null && !agent.launch(batch, launch.getFramework())) {
        invalid = "a task of " + batch.stream().map(TaskInfo::getTaskId).toList() + " already runs on agent " + agent.id();
      }
      if (invalid != null) {
        String why = invalid;
        batch.forEach(task -> refused.put(task.getTaskId(), why));
      }
    }
    return refused;
  }

  /** Why the agent refuses a task; ids become sandbox directories, so none may climb out of the work directory. */
  private static String problem(Agent agent, TaskInfo task) {
    String invalid = Ids.problem("task_id", task.getTaskId());
    if (invalid == null) {
      invalid = Ids.problem("framework id", task.getFrameworkId());
    }
    if (invalid == null && task.getExecutor() != null) {
      invalid = Ids.problem("executor_id", task.getExecutor().getExecutorId());
    }
    if (invalid == null && !agent.id().equals(task.getAgentId())) {
      invalid = "task " + task.getTaskId() + " names agent " + task.getAgentId() + ", not " + agent.id();
    }
    return invalid;
  }

  // ---- read by the HTTP API

  private Future<Optional<ResourceStatistics>> usage(TaskInfo task) {
    return executor == null ? Future.succeededFuture(Optional.empty()) : executor.usage(task);
  }

  /** This process and its agents as they are now; taken on the verticle's context. */
  private NodeView view() {
    // the HTTP API answers while the machine is still being found out, before any agent exists
    boolean probed = cgroups != null && docker != null;
    return new NodeView(nodeId, startedMs, highestEpoch, leader, probed && cgroups.enabled(), probed ? cgroups.status() : null,
      probed && docker.available(), probed ? docker.status() : null, agents.values().stream().map(Agent::view).toList());
  }
}
