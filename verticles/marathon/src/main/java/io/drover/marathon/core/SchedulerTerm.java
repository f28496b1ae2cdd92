package io.drover.marathon.core;

import io.drover.common.LeaderDetector;
import io.drover.common.election.Term;
import io.drover.framework.SchedulerDriver;
import io.drover.marathon.MarathonSettings;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.events.HttpCallbacks;
import io.drover.marathon.store.MarathonStore;
import io.drover.protocol.FrameworkInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * One leadership term of the scheduler: loads apps, groups and deployments from ZooKeeper,
 * subscribes to the master under the stored framework id, rebuilds its tasks from the master, and
 * then keeps apps converged and deployments moving until the term ends.
 */
public final class SchedulerTerm {

  private static final Logger LOG = Logger.getLogger(SchedulerTerm.class.getName());
  /** How soon the apps of changed tasks converge: status updates are acted on in batches this often. */
  static final long CONVERGE_CHANGED_MS = 50;
  /** How often the scheduler's own health checks look for probes that are due (each keeps its own interval). */
  static final long HEALTH_TICK_MS = 250;

  private final Vertx vertx;
  private final CuratorFramework zk;
  private final LeaderDetector masters;
  private final Term term;
  private final MarathonSettings settings;
  private final MarathonStore store;
  private final MarathonState state;
  private final AppScheduler scheduler;
  private final MarathonService service;
  private SchedulerDriver driver;
  private long convergeTimer = -1;
  private long changedTimer = -1;
  private long reconcileTimer = -1;
  private long healthTimer = -1;
  /** Delivers events to {@code /v2/eventSubscriptions}' callbacks while this term leads. */
  private HttpCallbacks callbacks;
  private final EventStream events;
  private boolean stopped;
  private final HttpClient http;

  public SchedulerTerm(Vertx vertx, CuratorFramework zk, LeaderDetector masters, Term term, MarathonSettings settings,
                       EventStream events, BooleanSupplier suspended) {
    this.vertx = vertx;
    this.zk = zk;
    this.masters = masters;
    this.term = term;
    this.settings = settings;
    this.store = new MarathonStore(zk);
    this.events = events;
    Deployments deployments = new Deployments(events, System::currentTimeMillis, settings.deploymentDeadlineMs());
    this.state = new MarathonState(deployments);
    this.http = vertx.createHttpClient();
    this.scheduler = new AppScheduler(vertx, state, events, System::currentTimeMillis, http, suspended,
      settings.mesosRole());
    AppChanges changes = new AppChanges(state, scheduler, events, this::persist, System::currentTimeMillis,
      settings.mesosRole());
    this.service = new MarathonService(new MarathonReads(state, events, System::currentTimeMillis), changes);
    deployments.wire(scheduler, writes -> persist(writes)
      .onFailure(e -> LOG.warning("could not record deployment progress: " + e.getMessage())), changes::expire);
  }

  public long epoch() {
    return term.leader().getEpoch();
  }

  public MarathonService service() {
    return service;
  }

  /** Loads the stored state and subscribes; completes once the API can serve (tasks follow). */
  public Future<Void> start() {
    return vertx.executeBlocking(() -> {
      store.prepare();
      return new Stored(store.frameworkId(), store.apps(), store.groups(), store.deployments(),
        store.eventSubscribers());
    }).compose(stored -> {
      state.apps.load(stored.apps, stored.groups);
      state.callbackUrls.addAll(stored.callbackUrls);
      state.deployments.load(stored.deployments);
      String frameworkId = stored.frameworkId.orElse(UUID.randomUUID().toString());
      state.frameworkId = frameworkId;
      Future<Void> saved = stored.frameworkId.isPresent() ? Future.succeededFuture()
        : persist(List.of(store.frameworkIdWrite(frameworkId)));
      return saved.map(frameworkId);
    }).map(frameworkId -> {
      if (stopped) {
        // the term ended while we loaded: a scheduler started now would run beside the new leader's
        throw new IllegalStateException("the term ended before it began");
      }
      LOG.info(() -> "marathon leader (epoch " + term.leader().getEpoch() + "): " + state.apps.all().size()
        + " app(s), " + state.deployments.all().size() + " deployment(s); framework " + frameworkId);
      FrameworkInfo info = FrameworkInfo.named(settings.frameworkName()).withId(frameworkId)
        .withFailoverTimeout(FrameworkInfo.DEFAULT_FAILOVER_TIMEOUT_SECONDS).withRoles(settings.frameworkRoles());
      driver = new SchedulerDriver(vertx, info, scheduler, masters);
      scheduler.attach(driver);
      driver.start();
      convergeTimer = vertx.setPeriodic(settings.convergeIntervalMs(), t -> scheduler.converge());
      changedTimer = vertx.setPeriodic(CONVERGE_CHANGED_MS, t -> scheduler.convergeChanged());
      reconcileTimer = vertx.setPeriodic(settings.reconcileIntervalMs(), t -> scheduler.reconcile());
      healthTimer = vertx.setPeriodic(HEALTH_TICK_MS, t -> scheduler.checkHealth());
      callbacks = new HttpCallbacks(vertx, () -> state.callbackUrls, System::currentTimeMillis).start(events);
      return null;
    });
  }

  /** True once the scheduler is subscribed to the leading master as its framework. */
  public boolean subscribed() {
    return driver != null && driver.subscribed();
  }

  /** Ends the term: nothing launches, kills or writes after this, whatever callbacks are pending. */
  public Future<Void> stop() {
    stopped = true;
    scheduler.deactivate();
    vertx.cancelTimer(convergeTimer);
    vertx.cancelTimer(changedTimer);
    vertx.cancelTimer(reconcileTimer);
    vertx.cancelTimer(healthTimer);
    if (callbacks != null) {
      callbacks.close();
    }
    http.close();
    return driver == null ? Future.succeededFuture() : driver.stop();
  }

  private Future<Void> persist(List<MarathonStore.Write> writes) {
    return vertx.executeBlocking(() -> {
      store.commit(term, writes);
      return null;
    }, true);
  }

  private record Stored(Optional<String> frameworkId, Map<String, JsonObject> apps, Optional<JsonObject> groups,
                        Map<String, JsonObject> deployments, List<String> callbackUrls) {
  }
}
