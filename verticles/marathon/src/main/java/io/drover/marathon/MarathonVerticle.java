package io.drover.marathon;

import io.drover.common.LeaderDetector;
import io.drover.common.NodeMetrics;
import io.drover.common.PortFile;
import io.drover.common.ZkPaths;
import io.drover.common.ZooKeeperSettings;
import io.drover.common.election.Candidate;
import io.drover.common.election.LeaderElection;
import io.drover.common.election.Term;
import io.drover.common.http.HttpLimits;
import io.drover.common.http.Probes;
import io.drover.common.security.Credentials;
import io.drover.marathon.core.MarathonService;
import io.drover.marathon.core.SchedulerTerm;
import io.drover.marathon.events.CallbackPolicy;
import io.drover.marathon.events.EventCounter;
import io.drover.marathon.events.EventReplication;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.http.DashboardFeed;
import io.drover.marathon.http.MarathonHttp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.apache.curator.framework.CuratorFramework;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@code marathon} role: a Marathon-compatible scheduler. Every node serves the {@code /v2} API;
 * the nodes elect a leader in ZooKeeper, which is the framework of the master and answers the API,
 * while the others forward to it.
 */
public final class MarathonVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(MarathonVerticle.class.getName());

  private final CuratorFramework zk;
  private final LeaderDetector masters;
  private MarathonSettings settings;
  private EventStream events;
  private EventReplication replication;
  private LeaderDetector marathons;
  private LeaderElection election;
  private HttpServer server;
  private SchedulerTerm schedulerTerm;
  private MarathonService service;
  /** What dashboards see of the term this node leads; null while it does not lead. */
  private DashboardFeed feed;
  private Context context;
  private int port;
  private boolean stopping;

  public MarathonVerticle(CuratorFramework zk, LeaderDetector masters) {
    this.zk = zk;
    this.masters = masters;
  }

  @Override
  public Future<?> start() {
    settings = MarathonSettings.from(config());
    context = vertx.getOrCreateContext();
    events = new EventStream(settings.eventBacklog());
    events.listen(new EventCounter(NodeMetrics.REGISTRY));
    marathons = new LeaderDetector(zk, ZkPaths.MARATHON_ELECTION.leader()).start();
    Router router = MarathonHttp.router(vertx, settings, events, () -> Optional.ofNullable(service),
      marathons::current, this::abdicate, masters::current, Credentials.from(config()), zooKeeperShown(),
      CallbackPolicy.parse(settings.eventSubscriberAllow()));
    Probes.mount(vertx, router, Path.of(settings.workDir()), List.of(Probes.zooKeeper(marathons::connected),
      new Probes.Check("master", () -> masters.current().isPresent() ? null : "no master leads"),
      new Probes.Check("scheduler", this::schedulerProblem)));
    return EventReplication.start(vertx, events)
      .compose(r -> {
        replication = r;
        return HttpLimits.listen(vertx, router, settings.port(), settings.host());
      })
      .map(s -> {
        server = s;
        port = s.actualPort();
        PortFile.write(settings.workDir(), "marathon", port);
        LOG.info(() -> "marathon " + settings.nodeId() + " serves http://" + settings.host() + ":" + port);
        stand();
        return s;
      });
  }

  /** Null while this node leads subscribed to the master, or, standing by, knows the leader to forward to. */
  private String schedulerProblem() {
    if (schedulerTerm != null) {
      return schedulerTerm.subscribed() ? null : "leading, but not subscribed to the leading master yet";
    }
    return marathons.current().isPresent() ? null : "no marathon node leads";
  }

  /** What {@code /v2/info} shows of the ZooKeeper connection: addresses and timeouts, never the identity. */
  private ZooKeeperSettings zooKeeperShown() {
    return new ZooKeeperSettings(config().getString("zk", ZooKeeperSettings.DEFAULT_CONNECT_STRING),
      config().getInteger("zkSessionTimeoutMs", ZooKeeperSettings.DEFAULT_SESSION_TIMEOUT_MS),
      config().getInteger("zkConnectTimeoutMs", ZooKeeperSettings.DEFAULT_CONNECT_TIMEOUT_MS));
  }

  /** Stands for election; a won term runs a {@link SchedulerTerm} on this verticle's context. */
  private void stand() {
    election = new LeaderElection(zk, ZkPaths.MARATHON_ELECTION,
      new Candidate(settings.nodeId(), settings.host(), port),
      LeaderElection.Terms.on(context, this::lead, this::stepDown));
    election.start();
  }

  private void lead(Term term) {
    if (schedulerTerm != null) {
      stopFeed();
      schedulerTerm.stop();
    }
    events.lead(term.leader().getEpoch());
    SchedulerTerm next = new SchedulerTerm(vertx, zk, masters, term, settings, events, election::suspended);
    schedulerTerm = next;
    next.start().onSuccess(v -> {
      if (schedulerTerm == next) {
        service = next.service();
        feed = new DashboardFeed(vertx, events, service.reads());
        feed.start();
      }
    }).onFailure(e -> {
      LOG.warning("could not take up leadership: " + e.getMessage() + "; standing again");
      abdicate();
    });
  }

  private void stepDown(long epoch) {
    if (schedulerTerm != null && schedulerTerm.epoch() == epoch) {
      LOG.info(() -> "marathon " + settings.nodeId() + " is no longer the leader (epoch " + epoch + ")");
      service = null;
      stopFeed();
      schedulerTerm.stop();
      schedulerTerm = null;
      events.follow();
      // clients reconnect, and through this node reach the new leader
      events.closeAll();
    }
  }

  private void stopFeed() {
    if (feed != null) {
      feed.stop();
      feed = null;
    }
  }

  /** Gives up leadership and stands again, so another node (if any) takes over. */
  private void abdicate() {
    LeaderElection old = election;
    if (old == null) {
      return;
    }
    election = null;
    vertx.executeBlocking(() -> {
      old.close();
      return null;
    }).onComplete(v -> context.runOnContext(x -> {
      if (!stopping) {
        stand();
      }
    }));
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    service = null;
    stopFeed();
    Future<Void> stopped = schedulerTerm == null ? Future.succeededFuture() : schedulerTerm.stop();
    return stopped.compose(v -> replication == null ? Future.succeededFuture() : replication.stop())
      .compose(v -> vertx.executeBlocking(() -> {
        if (election != null) {
          election.close();
        }
        marathons.close();
        return null;
      })).compose(v -> server == null ? Future.succeededFuture() : server.close());
  }
}
