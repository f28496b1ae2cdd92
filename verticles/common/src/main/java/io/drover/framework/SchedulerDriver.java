package io.drover.framework;

import io.drover.common.Addresses;
import io.drover.common.Batcher;
import io.drover.common.LeaderDetector;
import io.drover.protocol.AcknowledgeUpdate;
import io.drover.protocol.Envelope;
import io.drover.protocol.Filters;
import io.drover.protocol.FrameworkError;
import io.drover.protocol.FrameworkEvent;
import io.drover.protocol.InverseOffers;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.KnownTask;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.MasterService;
import io.drover.protocol.OfferRescinded;
import io.drover.protocol.ResourceOffers;
import io.drover.protocol.StatusUpdates;
import io.drover.protocol.Subscribed;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The client side of the framework API: subscribes to the leading master, follows leader changes
 * (re-subscribing with the same framework id), drops messages from an older leader, de-duplicates
 * status updates and acknowledges them after the {@link Scheduler} has seen them.
 */
public final class SchedulerDriver {

  private static final Logger LOG = Logger.getLogger(SchedulerDriver.class.getName());
  private static final long RETRY_MS = 500;
  /**
   * The first retry of a subscription: a leader elected a moment ago has registered its service,
   * but the registration takes a few milliseconds to reach this node's view of the cluster.
   */
  private static final long FIRST_RETRY_MS = 25;
  /** Subscriptions tried at a term's address before one at the shared address. */
  private static final int TERM_ATTEMPTS = 6;
  /** Heartbeats missed before the driver takes itself for disconnected and subscribes again. */
  private static final int MISSED_HEARTBEATS = 3;
  private static final int REMEMBERED_UPDATES = 10_000;

  private final Vertx vertx;
  private final Context context;
  private final Scheduler scheduler;
  /**
   * Where calls go: the leader's service at its term's address, followed from ZooKeeper's leader
   * record, or the shared address when a subscription there went unanswered.
   */
  private MasterService master;
  /** The service at the shared address, {@code drover.master}. */
  private final MasterService shared;
  /** The service at the known leader's term address; null until a leader is known. */
  private MasterService term;
  private long masterEpoch = -1;
  /** Subscriptions at the term's address in a row that went unanswered. */
  private int termFailures;
  private final LeaderDetector detector;
  /** Acknowledgements go to the leader a few milliseconds' worth at a time. */
  private final Batcher<String, AcknowledgeUpdate> acknowledgements;
  private final Map<String, Boolean> seenUpdates = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_UPDATES;
    }
  };
  private FrameworkInfo framework;
  private MessageConsumer<JsonObject> consumer;
  private long epoch;
  private Promise<Subscribed> firstSubscription = Promise.promise();
  private boolean subscribing;
  private long retryMs = FIRST_RETRY_MS;
  private boolean stopped;
  /** Subscribed, and not yet seen to lose that leader: a loss is reported once. */
  private boolean connected;
  private long lastHeardMs;
  private long heartbeatIntervalMs;

  public SchedulerDriver(Vertx vertx, FrameworkInfo framework, Scheduler scheduler, LeaderDetector detector) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    // the framework names itself, so it listens before the leader's first offer can come
    this.framework = framework.getId() == null ? framework.withId(UUID.randomUUID().toString()) : framework;
    this.scheduler = scheduler;
    this.detector = detector;
    this.shared = MasterService.createProxy(vertx);
    this.master = shared;
    detector.current().ifPresent(leader -> follow(leader.getEpoch()));
    this.acknowledgements = new Batcher<>(context, (address, acks) -> master.acknowledge(frameworkId(), acks)
      .onFailure(e -> LOG.fine(() -> acks.size() + " acknowledgement(s) failed: " + e.getMessage())));
  }

  /** Subscribes, retrying until a leader answers; completes with the first subscription. */
  public Future<Subscribed> start() {
    context.runOnContext(v -> {
      consumer = vertx.eventBus().consumer(Addresses.framework(frameworkId()), this::receive);
      consumer.completion().onSuccess(registered -> {
        detector.onChange(leader -> context.runOnContext(x -> leaderChanged(leader)));
        vertx.setPeriodic(RETRY_MS, t -> checkHeartbeats());
      });
    });
    return firstSubscription.future();
  }

  /** The leader heartbeats connected frameworks; silence means it dropped us, so subscribe again. */
  private void checkHeartbeats() {
    long silentMs = System.currentTimeMillis() - lastHeardMs;
    if (epoch > 0 && !stopped && silentMs > MISSED_HEARTBEATS * heartbeatIntervalMs) {
      LOG.info(() -> "no word from the leader for " + silentMs + " ms; listening and subscribing again");
      disconnected();
      lastHeardMs = System.currentTimeMillis();
      // the cluster may have forgotten our address with an expired ZooKeeper session: register it anew
      consumer.unregister().onComplete(done -> {
        if (stopped) {
          return;
        }
        consumer = vertx.eventBus().consumer(Addresses.framework(frameworkId()), this::receive);
        consumer.completion().onComplete(registered -> subscribe());
      });
    }
  }

  /**
   * Changes the framework's roles (Mesos's UPDATE_FRAMEWORK): the leader learns them now when the
   * driver is subscribed, and every later subscription carries them.
   */
  public Future<Void> updateRoles(List<String> roles) {
    framework = framework.withRoles(roles);
    return connected ? master.subscribe(framework).mapEmpty() : Future.succeededFuture();
  }

  public String frameworkId() {
    return framework.getId();
  }

  public long epoch() {
    return epoch;
  }

  /** True while subscribed to the master that leads now (as this node last saw it). */
  public boolean subscribed() {
    return !stopped && epoch > 0 && detector.current().map(leader -> leader.getEpoch() <= epoch).orElse(false);
  }

  public Future<Void> accept(List<String> offerIds, List<TaskInfo> tasks, Filters filters) {
    return master.accept(frameworkId(), offerIds, tasks, filters);
  }

  /** Sends {@code data} to the framework's executor on an agent; best effort, as Mesos's framework messages. */
  public Future<Void> sendFrameworkMessage(String agentId, String executorId, byte[] data) {
    return master.message(frameworkId(), new FrameworkMessage(agentId, frameworkId(), executorId, data));
  }

  public Future<Void> decline(List<String> offerIds, Filters filters) {
    return master.decline(frameworkId(), offerIds, filters);
  }

  public Future<Void> acceptInverseOffers(List<String> inverseOfferIds, Filters filters) {
    return master.acceptInverseOffers(frameworkId(), inverseOfferIds, filters);
  }

  public Future<Void> declineInverseOffers(List<String> inverseOfferIds, Filters filters) {
    return master.declineInverseOffers(frameworkId(), inverseOfferIds, filters);
  }

  public Future<Void> kill(String taskId) {
    return master.kill(frameworkId(), taskId);
  }

  public Future<Void> reconcile(List<String> taskIds) {
    return master.reconcile(frameworkId(), taskIds);
  }

  /** The master's view of this framework's active tasks; see {@link MasterService#tasks}. */
  public Future<List<KnownTask>> tasks() {
    return master.tasks(frameworkId());
  }

  public Future<Void> revive() {
    return master.revive(frameworkId());
  }

  public Future<Void> suppress() {
    return master.suppress(frameworkId());
  }

  public Future<Void> teardown() {
    return master.teardown(frameworkId()).compose(v -> stop());
  }

  /** Stops listening; the master keeps the framework's tasks until its failover timeout. */
  public Future<Void> stop() {
    stopped = true;
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void leaderChanged(Optional<LeaderInfo> leader) {
    leader.ifPresentOrElse(this::leaderChanged, this::disconnected);
  }

  /** The leading master as ZooKeeper names it, if one is known. */
  public Optional<LeaderInfo> leader() {
    return detector.current();
  }

  /** Calls go to the term's own address: the cluster may still list a dead leader at the shared one. */
  private void follow(long leaderEpoch) {
    if (leaderEpoch > masterEpoch) {
      masterEpoch = leaderEpoch;
      term = MasterService.createTermProxy(vertx, Addresses.master(masterEpoch));
      master = term;
      termFailures = 0;
    }
  }

  private void leaderChanged(LeaderInfo leader) {
    follow(leader.getEpoch());
    if (leader.getEpoch() > epoch) {
      disconnected();
      subscribe();
    }
  }

  private void subscribe() {
    if (subscribing || stopped) {
      return;
    }
    subscribing = true;
    master.subscribe(framework).onComplete(result -> {
      subscribing = false;
      if (result.failed()) {
        LOG.fine(() -> "subscription failed, retrying: " + result.cause().getMessage());
        switchAddressAfterFailure();
        vertx.setTimer(retryMs, t -> subscribe());
        retryMs = Math.min(RETRY_MS, retryMs * 2);
        return;
      }
      subscribed(result.result());
    });
  }

  /**
   * A new leader's term address takes a moment to reach this node's view of the cluster, so it is
   * tried a few times; a view that never gets it (this node lost its ZooKeeper session while the
   * leader registered it) is worked around through the shared address, which may still name a dead
   * leader until its session expires, and is tried once before the term's again.
   */
  private void switchAddressAfterFailure() {
    if (master == term && ++termFailures < TERM_ATTEMPTS) {
      return;
    }
    termFailures = 0;
    master = master == term || term == null ? shared : term;
  }

  private void disconnected() {
    if (connected && !stopped) {
      connected = false;
      scheduler.disconnected();
    }
  }

  private void subscribed(Subscribed subscribed) {
    connected = true;
    termFailures = 0;
    retryMs = FIRST_RETRY_MS;
    epoch = subscribed.getEpoch();
    heartbeatIntervalMs = (long) (subscribed.getHeartbeatIntervalSeconds() * 1000);
    lastHeardMs = System.currentTimeMillis();
    LOG.info(() -> "framework " + frameworkId() + " subscribed to leader " + subscribed.getMasterId()
      + " (epoch " + subscribed.getEpoch() + ")");
    scheduler.subscribed(subscribed);
    firstSubscription.tryComplete(subscribed);
    // the leader may have changed while we waited for this one's answer
    detector.current().ifPresent(this::leaderChanged);
  }

  private void receive(Message<JsonObject> message) {
    long from = Envelope.epoch(message);
    if (from < epoch) {
      message.fail(409, "stale epoch " + from + " < " + epoch);
      return;
    }
    lastHeardMs = System.currentTimeMillis();
    if (from > epoch) {
      // a new leader reached us before we saw it in ZooKeeper: re-subscribe to it
      follow(from);
      subscribe();
    }
    FrameworkEvent event = Envelope.action(message, FrameworkEvent.class);
    if (event == null) {
      return;
    }
    JsonObject body = message.body();
    switch (event) {
      case HEARTBEAT -> message.reply(null);
      case OFFERS -> {
        // a receipt, not a verdict: a scheduler that takes long over many offers must not see them rescinded
        message.reply(null);
        scheduler.offers(new ResourceOffers(body).getOffers());
      }
      case RESCIND -> scheduler.rescinded(new OfferRescinded(body).getOfferId());
      case UPDATES -> {
        long received = LaunchTrace.nowMicros();
        for (TaskStatus status : new StatusUpdates(body).getUpdates()) {
          update(status.passed(LaunchTrace.Hop.RUNNING_AT_FRAMEWORK, received));
        }
      }
      case MESSAGE -> {
        FrameworkMessage sent = new FrameworkMessage(body);
        scheduler.frameworkMessage(sent.getAgentId(), sent.getExecutorId(), sent.data());
      }
      case ERROR -> scheduler.error(new FrameworkError(body).getMessage());
      case INVERSE_OFFERS -> scheduler.inverseOffers(new InverseOffers(body).getInverseOffers());
      case RESCIND_INVERSE_OFFER -> scheduler.inverseOfferRescinded(new OfferRescinded(body).getOfferId());
    }
  }

  private void update(TaskStatus status) {
    String uuid = status.getUuid();
    if (uuid == null) {
      scheduler.statusUpdate(status);
      return;
    }
    if (!seenUpdates.containsKey(uuid)) {
      scheduler.statusUpdate(status);
      // only now: if the scheduler threw, the agent's resend must be delivered again
      seenUpdates.put(uuid, Boolean.TRUE);
    }
    // acknowledge duplicates too: the first acknowledgement may have been lost
    acknowledgements.add(Addresses.MASTER, new AcknowledgeUpdate(status.getAgentId(), frameworkId(),
      status.getTaskId(), uuid));
  }
}
