package io.drover.master;

import io.drover.allocator.Allocator;
import io.drover.common.Addresses;
import io.drover.common.LeaderDetector;
import io.drover.common.NodeMetrics;
import io.drover.common.PortFile;
import io.drover.common.SessionOwnedZnode;
import io.drover.common.ZkPaths;
import io.drover.common.election.Candidate;
import io.drover.common.election.LeaderElection;
import io.drover.common.election.Term;
import io.drover.common.http.Probes;
import io.drover.common.security.Credentials;
import io.drover.master.http.MasterHttp;
import io.drover.master.http.MetricsSnapshot;
import io.drover.master.impl.MasterServiceImpl;
import io.drover.master.mesos.HostAddresses;
import io.drover.master.mesos.MesosAnnouncement;
import io.drover.master.mesos.MaintenanceCalls;
import io.drover.master.mesos.OperatorApi;
import io.drover.master.mesos.SchedulerApi;
import io.drover.master.state.AgentAdmission.Admission;
import io.drover.master.state.AgentAdmission;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.DurableAgentRegistry;
import io.drover.master.state.DurableDocument;
import io.drover.master.state.RoleRegistry;
import io.drover.master.state.MasterState;
import io.drover.master.state.TaskBook.Applied;
import io.drover.master.view.MasterView;
import io.drover.protocol.AgentEvent;
import io.drover.protocol.AgentHeartbeat;
import io.drover.protocol.AgentRegistration;
import io.drover.protocol.Envelope;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.MasterService;
import io.drover.protocol.StatusUpdates;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The master role. Every master follows what agents publish (a warm standby) and stands for
 * election; the one that wins runs a {@link Leadership} and serves the framework API until it
 * steps down.
 */
public final class MasterVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(MasterVerticle.class.getName());

  private final CuratorFramework zk;
  private final LeaderDetector detector;
  /** Where the leading marathon is, for the dashboard this master serves. */
  private LeaderDetector marathons;
  private final MasterState state = new MasterState();
  private final AgentAdmission admission = new AgentAdmission(state, Leadership.COMMAND_TIMEOUT_MS);
  private MasterSettings settings;
  private CuratorCache masterDirectory;
  private UiEvents ui;
  private LeaderElection election;
  private Leadership leadership;
  private MessageConsumer<JsonObject> service;
  private final Handler<DeliveryContext<Object>> countReceived = ctx -> {
    this.metrics.increment(MasterMetrics.BUS_MESSAGES_RECEIVED);
    ctx.next();
  };
  private final Handler<DeliveryContext<Object>> countSent = ctx -> {
    this.metrics.increment(MasterMetrics.BUS_MESSAGES_SENT);
    ctx.next();
  };
  /** The same service at this term's own address ({@link Addresses#master(long)}). */
  private MessageConsumer<JsonObject> termService;
  private LeaderInfo candidate;
  private MesosAnnouncement mesosAnnouncement;
  private SchedulerApi schedulerApi;
  private OperatorApi operatorApi;
  private final double startTime = System.currentTimeMillis() / 1000.0;
  private final MasterMetrics metrics = new MasterMetrics(NodeMetrics.REGISTRY);
  private final ClusterHistory history = new ClusterHistory();
  /** An agent's IP address by its id, where known. */
  private Function<String, Optional<String>> agentIp;

  public MasterVerticle(CuratorFramework zk, LeaderDetector detector) {
    this.zk = zk;
    this.detector = detector;
  }

  @Override
  public Future<?> start() {
    // every message counted, so a benchmark can tell what a launch costs in messages
    vertx.eventBus().addInboundInterceptor(countReceived).addOutboundInterceptor(countSent);
    settings = MasterSettings.from(config());
    mesosAnnouncement = new MesosAnnouncement(zk, settings.mesosZkPath());
    marathons = new LeaderDetector(zk, ZkPaths.MARATHON_ELECTION.leader()).start();
    HostAddresses addresses = new HostAddresses(vertx);
    agentIp =
      agentId -> state.agents.get(agentId).flatMap(agent -> addresses.ipv4(agent.info().getHostname()));
    schedulerApi = new SchedulerApi(vertx, settings.masterId(), this::leader, settings.frameworkHeartbeatMs() / 1000.0,
      agentIp);
    operatorApi = new OperatorApi(vertx, settings.masterId(), this::leader, this::view, MetricsSnapshot::of,
      settings.flags(), agentIp);
    MaintenanceCalls maintenanceCalls = new MaintenanceCalls(
      () -> Optional.ofNullable(leadership).map(Leadership::maintenance), this::leader);
    operatorApi.maintenance(maintenanceCalls);
    ui = new UiEvents(vertx, state, () -> leadership != null && leadership.active(), operatorApi, history);
    MasterHttp http = new MasterHttp(vertx, this::view, this::leader, marathons::current, Credentials.from(config()),
      schedulerApi, operatorApi, history::toJson);
    NodeMetrics.mount(http.router(), "/metrics");
    maintenanceCalls.mount(http.router());
    Probes.mount(vertx, http.router(), Path.of(settings.workDir()), List.of(Probes.zooKeeper(detector::connected),
      new Probes.Check("leader", () -> leader().isPresent() ? null : "no master leads yet")));
    // only a leader in its term samples: a standby's view is warm, but its charts would double the leader's
    vertx.setPeriodic(ClusterHistory.SAMPLE_MS, id -> {
      if (leadership != null && leadership.active()) {
        ui.historySample(history.sample(state, System.currentTimeMillis()));
      }
    });
    return vertx.eventBus().<JsonObject>consumer(Addresses.AGENTS, this::onAgentEvent).completion()
      .compose(v -> http.listen(settings.host(), settings.port()))
      .compose(port -> {
        PortFile.write(settings.workDir(), "master", port);
        LOG.info(() -> "master " + settings.masterId() + " listening on http://" + settings.host() + ":" + port);
        candidate = new LeaderInfo(settings.masterId(), settings.host(), port, 0, startTime);
        return vertx.executeBlocking(() -> {
          announce();
          election = new LeaderElection(zk, ZkPaths.MASTER_ELECTION,
            new Candidate(settings.masterId(), settings.host(), port),
            LeaderElection.Terms.on(context, this::lead, this::stepDown));
          election.start();
          return null;
        });
      });
  }

  /**
   * Lists this master under {@code /drover/masters}, for dashboards and {@code /master/state}, and
   * lists it again whenever a new session has lost the ephemeral znode.
   */
  private void announce() throws Exception {
    masterDirectory = CuratorCache.build(zk, ZkPaths.MASTERS);
    masterDirectory.start();
    zk.getConnectionStateListenable().addListener(reannounce);
    writeAnnouncement();
  }

  private final ConnectionStateListener reannounce = (client, change) -> {
    if (change == ConnectionState.RECONNECTED) {
      try {
        writeAnnouncement();
      } catch (Exception e) {
        LOG.warning("could not list this master in ZooKeeper again: " + e.getMessage());
      }
    }
  };

  private void writeAnnouncement() throws Exception {
    SessionOwnedZnode.write(zk, ZkPaths.master(settings.masterId()),
      candidate.toJson().encode().getBytes(StandardCharsets.UTF_8));
  }

  private void lead(Term term) {
    LeaderInfo leader = term.leader();
    history.clear();
    leadership = new Leadership(vertx, settings, leader, state, new DurableAgentRegistry(zk, term,
      ms -> metrics.time(MasterMetrics.STATE_STORE_MS, ms)), new RoleRegistry(zk, term),
      new Allocator(settings.allocatorSettings(), new Random()), ui, election::suspended, metrics,
      new DurableDocument(zk, term, ZkPaths.MAINTENANCE), agentIp);
    leadership.start();
    metrics.increment(MasterMetrics.ELECTIONS_WON);
    MasterService impl = new MasterServiceImpl(leadership, state, settings.masterId(),
      settings.frameworkHeartbeatMs() / 1000.0, metrics);
    service = new ServiceBinder(vertx).setAddress(Addresses.MASTER).register(MasterService.class, impl);
    termService = new ServiceBinder(vertx).setAddress(Addresses.master(leader.getEpoch()))
      .register(MasterService.class, impl);
    ui.leader(leader);
    vertx.executeBlocking(() -> {
      mesosAnnouncement.announce(leader);
      return null;
    }).onFailure(e -> LOG.warning("could not announce the leader under " + settings.mesosZkPath()
      + " for Mesos tools: " + e.getMessage()));
  }

  private void stepDown(long epoch) {
    if (leadership == null || leadership.epoch() != epoch) {
      return;
    }
    LOG.warning("master " + settings.masterId() + " is no longer the leader (epoch " + epoch + ")");
    service.unregister();
    service = null;
    termService.unregister();
    termService = null;
    schedulerApi.closeAll();
    operatorApi.closeAll();
    leadership.stop();
    leadership = null;
    ui.steppedDown(settings.masterId());
    vertx.executeBlocking(() -> {
      mesosAnnouncement.withdraw();
      return null;
    }).onFailure(e -> LOG.warning("could not withdraw the Mesos announcement: " + e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    vertx.eventBus().removeInboundInterceptor(countReceived).removeOutboundInterceptor(countSent);
    zk.getConnectionStateListenable().removeListener(reannounce);
    if (marathons != null) {
      marathons.close();
    }
    if (masterDirectory != null) {
      masterDirectory.close();
    }
    if (election != null) {
      election.close();
    }
    if (leadership != null) {
      leadership.stop();
    }
    return Future.succeededFuture();
  }

  // ---- what agents publish: every master follows it, the leader also acts on it

  private void onAgentEvent(Message<JsonObject> message) {
    AgentEvent event = Envelope.action(message, AgentEvent.class);
    try {
      if (event == AgentEvent.REGISTER) {
        metrics.increment(MasterMetrics.REGISTER_SLAVE);
        registered(new AgentRegistration(message.body()));
      } else if (event == AgentEvent.HEARTBEAT) {
        heartbeat(new AgentHeartbeat(message.body()));
      } else if (event == AgentEvent.STATUS_UPDATES) {
        List<TaskStatus> updates = new StatusUpdates(message.body()).getUpdates();
        metrics.add(MasterMetrics.STATUS_UPDATE, updates.size());
        updates.forEach(this::statusUpdate);
      } else if (event == AgentEvent.EXECUTOR_MESSAGE && leadership != null) {
        metrics.increment(MasterMetrics.EXECUTOR_TO_FRAMEWORK_MESSAGES);
        leadership.frameworkMessage(new FrameworkMessage(message.body()));
      }
    } catch (RuntimeException malformed) {
      metrics.increment(MasterMetrics.DROPPED_MESSAGES);
      LOG.warning("dropped a malformed " + event + " message from an agent: " + malformed.getMessage());
    }
  }

  private void registered(AgentRegistration registration) {
    String invalid = registration.problem();
    if (invalid != null) {
      LOG.warning("refused an agent registration: " + invalid);
      return;
    }
    Admission admitted = admission.admit(registration, System.currentTimeMillis(), leadership != null);
    if (leadership != null) {
      leadership.agentAdmitted(admitted);
    }
  }

  private void heartbeat(AgentHeartbeat heartbeat) {
    long now = System.currentTimeMillis();
    for (String agentId : heartbeat.getAgentIds()) {
      boolean known = state.agents.heartbeat(agentId, now);
      boolean reachable = state.agents.get(agentId).map(Agent::reachable).orElse(false);
      if (leadership != null && (!known || !reachable)) {
        leadership.askToRegister(heartbeat.getNodeId(), agentId);
      }
    }
  }

  private void statusUpdate(TaskStatus reported) {
    TaskStatus status = leadership == null ? reported : leadership.maintenance().marked(reported);
    boolean wasUnreachable = state.tasks.isActive(status.getFrameworkId(), status.getTaskId())
      && state.tasks.find(status.getFrameworkId(), status.getTaskId()).orElseThrow().state() == TaskState.TASK_UNREACHABLE;
    Applied applied = state.tasks.apply(status);
    metrics.increment(applied == Applied.CHANGED || applied == Applied.DUPLICATE
      ? MasterMetrics.VALID_STATUS_UPDATES : MasterMetrics.INVALID_STATUS_UPDATES);
    if (applied == Applied.CHANGED) {
      metrics.transition(status);
      if (status.getTimestamp() > 0) {
        metrics.time(MasterMetrics.STATUS_UPDATE_LATENCY_MS,
          Math.max(0, System.currentTimeMillis() - status.getTimestamp() * 1000));
      }
    }
    if (leadership != null) {
      // the framework gets the launch trace with this master's hop; the task book keeps none
      leadership.statusUpdate(status.passed(LaunchTrace.Hop.RUNNING_AT_MASTER, LaunchTrace.nowMicros()), applied);
      boolean back = status.getState() != TaskState.TASK_UNREACHABLE && !status.getState().isTerminal();
      if (wasUnreachable && applied == Applied.CHANGED && back) {
        // the agent may resend an update the framework saw before the task became unreachable:
        // its driver drops that duplicate, so tell the recovered state afresh (a terminal update
        // is new by nature and needs no copy)
        leadership.forward(status.asReconciliation());
      }
    }
  }

  // ---- read by the HTTP API

  /** This master and its state as they are now; taken on the master's context. */
  private MasterView view() {
    return MasterView.of(settings.masterId(), settings.host(), startTime, leader(),
      Optional.ofNullable(leadership).map(Leadership::leader),
      leadership == null ? Map.of() : leadership.notOffered(), masters(), state, metrics.snapshot(),
      settings.flags());
  }

  /** The current leader as ZooKeeper tells it (this master or another). */
  private Optional<LeaderInfo> leader() {
    return leadership != null ? Optional.of(leadership.leader()) : detector.current();
  }

  /** Every live master, as the cache of {@code /drover/masters} last saw them. */
  private List<LeaderInfo> masters() {
    List<LeaderInfo> masters = new ArrayList<>();
    masterDirectory.stream().filter(node -> !node.getPath().equals(ZkPaths.MASTERS) && node.getData() != null)
      .forEach(node -> {
        try {
          masters.add(new LeaderInfo(new JsonObject(new String(node.getData(), StandardCharsets.UTF_8))));
        } catch (RuntimeException unreadable) {
          LOG.fine("skipped an unreadable master entry " + node.getPath());
        }
      });
    return masters;
  }
}
