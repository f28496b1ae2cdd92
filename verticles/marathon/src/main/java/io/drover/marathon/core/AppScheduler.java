package io.drover.marathon.core;

import io.drover.framework.Scheduler;
import io.drover.framework.SchedulerDriver;
import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.HealthCheckDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.app.Pod;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.placement.AgentOffer;
import io.drover.marathon.placement.Match;
import io.drover.marathon.placement.OfferMatcher;
import io.drover.marathon.placement.OfferPlan;
import io.drover.marathon.placement.OfferPools;
import io.drover.marathon.placement.Placement;
import io.drover.protocol.Filters;
import io.drover.protocol.InverseOffer;
import io.drover.protocol.KnownTask;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.LaunchTrace.Hop;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.Subscribed;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.logging.Logger;

/**
 * The framework side of Marathon: keeps every app at its instance count and configuration.
 * {@link #converge()} asks {@link Convergence} what each app needs (the app as the deployments let
 * it be, against the tasks there are) and carries it out: queues launches, kills extras or old
 * versions. Offers are matched against the queue; status updates move tasks along and bring failed
 * ones back through the backoff.
 */
public final class AppScheduler implements Scheduler, Deployments.Progress {

  private static final Logger LOG = Logger.getLogger(AppScheduler.class.getName());
  /** Refusal for offers when nothing waits, long as in Marathon, so idle offers go elsewhere. */
  static final double IDLE_REFUSE_SECONDS = 120;
  /** Refusal for offers that could not host what waits: short, so the queue soon sees them again. */
  static final double BUSY_REFUSE_SECONDS = 5;
  /** Offers matched in one turn of the event loop; the rest wait for the next turn. */
  static final int OFFERS_PER_SLICE = 50;
  /** A task staging this long is asked about by id: its launch may have been lost. */
  static final long STAGING_RECONCILE_MS = 30_000;
  /** Tasks let go of that are remembered; their last updates come within seconds. */
  static final int MAX_GONE_TASKS = 10_000;

  private final MarathonState state;
  private final EventStream events;
  private final OfferMatcher matcher = new OfferMatcher();
  private final LongSupplier clock;
  private final ReadinessChecker readiness;
  private final MarathonHealthChecks healthChecks;
  private SchedulerDriver driver;
  private final OfferInterest interest = new OfferInterest();
  /** False once the term is over: late callbacks must not launch or kill for a deposed leader. */
  private boolean active = true;
  /** True after the term's first subscription: later ones are re-registrations, as Marathon names them. */
  private boolean registered;
  /** True while the leader's ZooKeeper connection is suspended: it may be deposed any moment, so it acts on nothing. */
  private final BooleanSupplier suspended;
  private final String mesosRole;
  /** Tasks reported to us that we have no record of, while the master is asked about them. */
  private final Set<String> unknownTasks = new LinkedHashSet<>();
  /**
   * Tasks let go of whose last updates may still come: container tasks of ended pod instances (the
   * rest of the group being killed) and tasks wiped through the API while being killed. Known, so
   * they are not looked up and adopted as a new instance.
   */
  private final Set<String> goneTasks = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_GONE_TASKS;
    }
  });
  /** The agents the master's inverse offers ask us to leave. */
  private final Evacuation evacuation = new Evacuation();
  /** Apps whose tasks changed since the last {@link #convergeChanged}. */
  private final Set<PathId> changedApps = new LinkedHashSet<>();
  /** The roles the framework is subscribed with: {@code *}, Marathon's own and every app's. */
  private Set<String> frameworkRoles;

  /** @param mesosRole Marathon's role: that of apps that name none */
  AppScheduler(Vertx vertx, MarathonState state, EventStream events, LongSupplier clock, HttpClient http,
               BooleanSupplier suspended, String mesosRole) {
    this.state = state;
    this.mesosRole = mesosRole;
    this.suspended = suspended;
    this.events = events;
    this.clock = clock;
    this.readiness = new ReadinessChecker(http, this::converge);
    this.healthChecks = new MarathonHealthChecks(vertx, this::healthResult);
  }

  void attach(SchedulerDriver driver) {
    this.driver = driver;
  }

  void deactivate() {
    active = false;
    healthChecks.close();
  }

  /** Probes what is due of the HTTP, HTTPS and TCP checks of every app (SchedulerTerm calls it often). */
  void checkHealth() {
    if (!acting()) {
      return;
    }
    long now = clock.getAsLong();
    for (PathId id : state.instances.appIds()) {
      AppDefinition app = state.deployments.effective(id, state.apps.get(id).orElse(null));
      if (app != null && app.healthChecks().stream().anyMatch(c -> !c.runsOnAgent())) {
        healthChecks.poll(app, state.instances.of(id), now);
      }
    }
  }

  /** Whether this term may launch and kill now: it runs, knows its tasks and holds its session. */
  private boolean acting() {
    return active && state.recovered && !suspended.getAsBoolean();
  }

  /**
   * Implicit reconciliation for every task the master knows, and explicit for tasks still staging
   * after {@link #STAGING_RECONCILE_MS}: the master answers TASK_UNKNOWN for a launch it never saw.
   */
  void reconcile() {
    if (!acting()) {
      return;
    }
    driver.reconcile(List.of());
    long now = clock.getAsLong();
    List<String> stale = state.instances.all().stream()
      .filter(i -> i.state == TaskState.TASK_STAGING && now - i.stagedAtMs > STAGING_RECONCILE_MS)
      .flatMap(i -> i.mesosTaskIds().stream())
      .toList();
    if (!stale.isEmpty()) {
      driver.reconcile(stale);
    }
  }

  // ---- convergence ----

  /** One pass over every app: queue what is missing, kill what is extra or outdated. */
  void converge() {
    updateRoles();
    Set<PathId> ids = new TreeSet<>(state.instances.appIds());
    state.apps.all().forEach(a -> ids.add(a.id()));
    ids.addAll(state.deployments.originalApps());
    converge(ids);
  }

  /**
   * Marathon subscribes for the roles of its apps (an app of a group role is offered that role's
   * resources): when the apps' roles change, the framework's roles follow, as Marathon 1.9+ does.
   */
  private void updateRoles() {
    Set<String> roles = new TreeSet<>(List.of(Roles.DEFAULT, mesosRole));
    state.apps.all().forEach(app -> roles.add(app.roleOr(mesosRole)));
    if (driver != null && !roles.equals(frameworkRoles)) {
      frameworkRoles = roles;
      LOG.info(() -> "the framework's roles are now " + roles);
      driver.updateRoles(List.copyOf(roles)).onFailure(e -> {
        LOG.warning("could not update the framework's roles to " + roles + ": " + e.getMessage());
        // the next pass tries again
        frameworkRoles = null;
      });
    }
  }

  /** A pass over some apps (those whose tasks changed: the periodic pass sees the rest). */
  private void converge(Collection<PathId> ids) {
    if (!acting()) {
      return;
    }
    long now = clock.getAsLong();
    Collection<PathId> pass = ids;
    // a deployment step that is done lets the next one act in this pass (a new app's start, then
    // its scale), not a periodic pass later; each round moves some deployment on, so it ends
    do {
      for (PathId id : pass) {
        AppDefinition app = state.deployments.effective(id, state.apps.get(id).orElse(null));
        apply(id, app, Convergence.decide(app, state.instances.of(id), now, evacuation.agentsToLeave()), now);
      }
      pass = state.deployments.advance();
    } while (!pass.isEmpty());
    acceptLeftAgents();
    switch (interest.afterPass(!state.queue.isEmpty(),
      () -> state.instances.all().stream().anyMatch(i -> i.state == TaskState.TASK_STAGING), now)) {
      case REVIVE -> driver.revive().onFailure(e -> interest.reviveFailed());
      case SUPPRESS -> driver.suppress();
      case NONE -> { }
    }
  }

  /** Carries out one app's decision: kills, forgotten tasks, readiness checks, the launch queue. */
  private void apply(PathId id, AppDefinition app, Convergence.Decision decision, long now) {
    // one line per app and reason: a deleted app of 10,000 tasks must not log 10,000 lines on the loop
    decision.kills().stream().filter(k -> !k.instance().killRequested)
      .collect(Collectors.groupingBy(Convergence.Kill::reason, LinkedHashMap::new, Collectors.counting()))
      .forEach((reason, count) -> LOG.info(() -> "killing " + count + " task(s) of " + id + ": " + reason));
    decision.kills().forEach(k -> requestKill(k.instance()));
    decision.forgotten().forEach(i -> {
      state.instances.remove(i.taskId);
      instanceChanged(i, "Gone");
    });
    if (app == null) {
      state.queue.forget(id);
      return;
    }
    readiness.poll(app, decision.readiness(), now);
    state.queue.want(app, decision.launch(), now);
  }

  @Override
  public boolean converged(AppDefinition app) {
    List<Instance> instances = state.instances.of(app.id());
    readiness.poll(app, instances, clock.getAsLong());
    return Convergence.converged(app, instances);
  }

  @Override
  public boolean stopped(PathId app) {
    return state.instances.of(app).isEmpty();
  }

  /**
   * Kills an instance and forgets it at once (Marathon's {@code wipe}): its updates until it ends
   * neither bring it back nor count for its app.
   */
  void wipe(Instance instance) {
    kill(instance, "wiped through the API");
    state.instances.remove(instance.taskId);
    goneTasks.addAll(instance.mesosTaskIds());
  }

  /** Asks the master to kill a task; its terminal update removes it from the book. */
  void kill(Instance instance, String why) {
    if (!instance.killRequested) {
      LOG.info(() -> "killing " + instance.taskId + ": " + why);
      requestKill(instance);
    }
  }

  private void requestKill(Instance instance) {
    if (instance.killRequested) {
      return;
    }
    instance.killRequested = true;
    driver.kill(instance.killTarget()).onFailure(e -> {
      // the leader lost the task meanwhile or is changing: try again on the next pass
      instance.killRequested = false;
      LOG.fine(() -> "kill of " + instance.taskId + " failed: " + e.getMessage());
    });
  }

  // ---- recovery ----

  /**
   * The first subscription of a term rebuilds the tasks from the master (a former leader launched
   * them); later ones (a new master) only reconcile. Nothing launches before the first completes.
   */
  @Override
  public void subscribed(Subscribed subscribed) {
    if (!active) {
      return;
    }
    announce(subscribed);
    recover(subscribed);
  }

  /** Marathon's scheduler events, with the master's host as Marathon reads it from its MasterInfo. */
  private void announce(Subscribed subscribed) {
    String master = driver.leader().filter(leader -> leader.getEpoch() == subscribed.getEpoch())
      .map(LeaderInfo::getHostname).orElse(subscribed.getMasterId());
    if (registered) {
      events.publish("scheduler_reregistered_event", new JsonObject().put("master", master));
    } else {
      registered = true;
      events.publish("scheduler_registered_event",
        new JsonObject().put("frameworkId", subscribed.getFrameworkId()).put("master", master));
    }
  }

  @Override
  public void disconnected() {
    if (active) {
      events.publish("scheduler_disconnected_event", new JsonObject());
    }
  }

  private void recover(Subscribed subscribed) {
    interest.newMaster();
    if (state.recovered) {
      driver.reconcile(List.of());
      return;
    }
    driver.tasks().onSuccess(tasks -> {
      tasks.forEach(this::adopt);
      state.recovered = true;
      LOG.info(() -> "recovered " + tasks.size() + " task(s) from the master");
      driver.reconcile(List.of());
      converge();
    }).onFailure(e -> {
      LOG.info("could not read the tasks from the master yet, retrying: " + e.getMessage());
      Vertx.currentContext().owner().setTimer(1_000, t -> {
        if (active) {
          recover(subscribed);
        }
      });
    });
  }

  /**
   * A task this term has no record of. A master elected moments ago lists only the tasks of agents
   * that re-registered with it, so the list recovery read may have lacked it: ask the master again
   * (once for every task that turns up meanwhile) and adopt what belongs to an app. What still
   * belongs to nothing (launched by a former leader that did not record it) is stopped; a surplus
   * adopted this way is killed by convergence, the youngest first by default.
   */
  private void lookUp(String taskId) {
    if (!unknownTasks.add(taskId) || unknownTasks.size() > 1) {
      return;
    }
    driver.tasks().onComplete(listed -> {
      if (listed.failed()) {
        // a master still waiting for its agents cannot say yet: never kill on no answer; the next
        // update of these tasks (reconciliation resends them) asks again
        unknownTasks.clear();
        return;
      }
      if (active) {
        listed.result().forEach(this::adopt);
      }
      List<String> stillUnknown = unknownTasks.stream().filter(id -> state.instances.get(id).isEmpty()).toList();
      unknownTasks.clear();
      if (!active) {
        return;
      }
      stillUnknown.forEach(id -> {
        LOG.info(() -> "killing unknown task " + id);
        driver.kill(id);
      });
      converge();
    });
  }

  /** Takes over a task the master reports, from the labels the launch gave it. */
  private void adopt(KnownTask known) {
    TaskInfo task = known.getTask();
    TaskStatus status = known.getStatus();
    String appId = task.getLabels().get(TaskFactory.LABEL_APP_ID);
    if (appId == null || state.instances.get(task.getTaskId()).isPresent()
      || goneTasks.contains(task.getTaskId())) {
      return;
    }
    String ports = task.getCommand() == null ? null : task.getCommand().getEnvironment().get("PORTS");
    List<Integer> hostPorts = ports == null || ports.isEmpty() ? List.of()
      : Arrays.stream(ports.split(",")).map(Integer::valueOf).toList();
    PathId id = PathId.parse(appId);
    String instanceId = task.getLabels().get(TaskFactory.LABEL_INSTANCE_ID);
    List<Integer> service = state.apps.get(id).map(AppDefinition::servicePorts).orElse(List.of());
    Instance instance = instanceId == null ? null : state.instances.get(instanceId).orElse(null);
    if (instance == null) {
      instance = new Instance(instanceId != null ? instanceId : task.getTaskId(), id, task.getRole(),
        task.getLabels().get(TaskFactory.LABEL_APP_VERSION), task.getLabels().get(TaskFactory.LABEL_CONFIG_VERSION),
        task.getAgentId(), known.getHostname(), Attributes.parse(known.getAttributes()),
        instanceId == null ? hostPorts : List.of(), instanceId == null ? service : List.of(),
        (long) (status.getTimestamp() * 1000));
      state.instances.add(instance);
    }
    if (instanceId != null) {
      // a pod's container task: the instance gathers its tasks as the master lists them
      String container = task.getTaskId().substring(task.getTaskId().lastIndexOf('.') + 1);
      state.instances.addContainer(instance, task.getTaskId(), container, hostPorts, clock.getAsLong());
      instance.ports = Stream.concat(instance.ports.stream(), hostPorts.stream()).toList();
    }
    instance.update(status, clock.getAsLong());
  }

  // ---- maintenance ----

  @Override
  public void inverseOffers(List<InverseOffer> inverseOffers) {
    if (!active) {
      return;
    }
    inverseOffers.forEach(o -> LOG.info(() -> "agent " + o.getAgentId() + " (" + o.getHostname()
      + ") goes into maintenance at " + o.getUnavailability() + ": moving its tasks elsewhere"));
    evacuation.received(inverseOffers);
    converge();
  }

  @Override
  public void inverseOfferRescinded(String inverseOfferId) {
    evacuation.rescinded(inverseOfferId);
  }

  /** Accepts the inverse offers of agents none of our tasks is left on. */
  private void acceptLeftAgents() {
    List<InverseOffer> left = evacuation.answerable(state.instances.all());
    if (!left.isEmpty()) {
      LOG.info(() -> "no task left on agent(s) " + left.stream().map(InverseOffer::getAgentId).toList()
        + ": accepting their inverse offers");
      driver.acceptInverseOffers(left.stream().map(InverseOffer::getId).toList(), new Filters(BUSY_REFUSE_SECONDS));
    }
  }

  // ---- offers ----

  @Override
  public void offers(List<Offer> offers) {
    long now = clock.getAsLong();
    interest.offered(now);
    if (!offers.isEmpty()) {
      take(offers, 0, LaunchTrace.EMPTY.at(Hop.OFFERED));
    }
  }

  /**
   * Places tasks on the offers from {@code from} on, a bounded slice per turn of the event loop:
   * a thousand offers for ten thousand waiting instances must not hold the loop for the whole
   * match, so status updates and API calls are served between slices.
   */
  private void take(List<Offer> offers, int from, LaunchTrace offered) {
    long now = clock.getAsLong();
    int to = Math.min(offers.size(), from + OFFERS_PER_SLICE);
    if (!active || suspended.getAsBoolean()) {
      driver.decline(offers.subList(from, offers.size()).stream().map(Offer::getId).toList(),
        new Filters(BUSY_REFUSE_SECONDS));
      return;
    }
    // one decline call for all the offers of a slice nothing fits, not one per offer
    List<String> declined = new ArrayList<>();
    for (Offer offer : offers.subList(from, to)) {
      // an agent going into maintenance (or in it) gets no task: it would only have to move again
      boolean usable = state.recovered && !Evacuation.declines(offer.unavailability(), now);
      List<TaskInfo> placed = usable ? place(offer, now, offered) : List.<TaskInfo>of();
      if (placed.isEmpty()) {
        declined.add(offer.getId());
        continue;
      }
      long accepted = LaunchTrace.nowMicros();
      List<TaskInfo> launches = placed.stream().map(t -> t.passed(Hop.ACCEPTED, accepted)).toList();
      driver.accept(List.of(offer.getId()), launches, new Filters(BUSY_REFUSE_SECONDS)).onFailure(e -> {
        if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
          // no answer is no refusal: the master may have launched them. They stay staging, and the
          // reconciliation of tasks stuck in staging learns their fate (forgetting them here would
          // launch replacements, then kill the originals as unknown)
          LOG.warning("launch on " + offer.getHostname() + " unanswered: " + launches.size()
            + " task(s) stay staging until the master reports on them");
          return;
        }
        LOG.warning("launch on " + offer.getHostname() + " was refused: " + e.getMessage());
        // the master launched nothing: forget the tasks so the next pass queues them again
        launches.forEach(t -> state.instances.get(t.getTaskId()).ifPresent(i -> {
          state.instances.remove(i.taskId);
          instanceChanged(i, "Dropped");
          changedApps.add(i.appId);
        }));
      });
    }
    if (!declined.isEmpty()) {
      boolean idle = state.queue.isEmpty();
      interest.declined(idle);
      driver.decline(declined, new Filters(idle ? IDLE_REFUSE_SECONDS : BUSY_REFUSE_SECONDS));
    }
    if (to < offers.size()) {
      Vertx.currentContext().runOnContext(v -> take(offers, to, offered));
    }
  }

  /** Fills one offer from the queue, app by app, and books the tasks as staging. */
  private List<TaskInfo> place(Offer offer, long now, LaunchTrace offered) {
    Attributes attributes = offer.attributes() == null ? Attributes.EMPTY : offer.attributes();
    OfferPools pools = new OfferPools(offer.resources(), offer.reserved(), offer.getRole());
    List<TaskInfo> launches = new ArrayList<>();
    for (LaunchQueue.Entry entry : state.queue.waiting()) {
      AppDefinition app = state.deployments.effective(entry.appId, state.apps.get(entry.appId).orElse(null));
      if (app == null || entry.delay.isDelayed(now)) {
        continue;
      }
      // only constraints look at where the app runs: an app without them need not list its instances per offer
      List<Placement> placed = app.constraints().isEmpty() ? List.of() : state.instances.of(app.id()).stream()
        .filter(i -> !i.state.isTerminal())
        .map(i -> new Placement(i.agentId, i.host, i.attributes))
        .toList();
      AgentOffer usable = new AgentOffer(offer.getId(), offer.getAgentId(), offer.getHostname(), attributes,
        pools.usableBy(app, app.roleOr(mesosRole)));
      OfferPlan plan = matcher.placeAll(app, entry.count, usable, placed);
      entry.offers.record(plan, now);
      LaunchTrace queued = offered.at(Hop.POSTED, Versions.epochMicros(app.version()))
        .at(Hop.QUEUED, entry.sinceMs * 1_000);
      for (Match match : plan.matches()) {
        entry.count--;
        Resources reserved = pools.take(app, match.resources());
        LaunchTrace matched = queued.at(Hop.MATCHED);
        if (app.isPod()) {
          // a pod takes unreserved resources only: nothing of a reservation to split among its tasks
          launchPod(app, match, attributes, offer.getRole(), now).forEach(t -> launches.add(t.withTrace(matched)));
        } else {
          launches.add(launch(app, match, attributes, offer.getRole(), now).withReserved(reserved).withTrace(matched));
        }
      }
    }
    return launches;
  }

  private TaskInfo launch(AppDefinition app, Match match, Attributes attributes, String role, long now) {
    String taskId = TaskFactory.newTaskId(app);
    TaskInfo task = TaskFactory.build(app, taskId, match.agentId(), match.hostname(), match.resources(),
      match.hostPorts());
    Instance instance = new Instance(taskId, app.id(), role, app.version(), TaskFactory.configVersion(app),
      match.agentId(), match.hostname(), attributes, match.hostPorts(), app.servicePorts(), now);
    state.instances.add(instance);
    instanceChanged(instance, "Created");
    return task;
  }

  /** A pod instance: its task group, booked as one staging instance with a task per container. */
  private List<TaskInfo> launchPod(AppDefinition pod, Match match, Attributes attributes, String role, long now) {
    String instanceId = TaskFactory.newInstanceId(pod);
    List<TaskInfo> group = TaskFactory.buildGroup(pod, instanceId, match.agentId(), match.hostPorts());
    Instance instance = new Instance(instanceId, pod.id(), role, pod.version(), TaskFactory.configVersion(pod),
      match.agentId(), match.hostname(), attributes, match.hostPorts(), List.of(), now);
    Iterator<Integer> ports = match.hostPorts().iterator();
    for (Pod.PodContainer container : pod.pod().containers()) {
      instance.addContainer(TaskFactory.containerTaskId(instanceId, container), container.name(),
        container.endpoints().stream().map(e -> ports.next()).toList(), now);
    }
    state.instances.add(instance);
    instanceChanged(instance, "Created");
    return group;
  }

  // ---- status updates ----

  @Override
  public void statusUpdate(TaskStatus status) {
    if (!active) {
      return;
    }
    long now = clock.getAsLong();
    Instance instance = state.instances.get(status.getTaskId()).orElse(null);
    if (instance == null) {
      boolean live = !status.getState().isTerminal() && status.getState() != TaskState.TASK_UNKNOWN;
      if (goneTasks.contains(status.getTaskId())) {
        if (live && status.getState() != TaskState.TASK_KILLING) {
          // let go of, yet still running: the kill sent then was lost (a master failing over, say)
          driver.kill(status.getTaskId());
        }
      } else if (live && state.recovered) {
        lookUp(status.getTaskId());
      }
      return;
    }
    TaskState before = instance.state;
    instance.update(status, now);
    AppDefinition app = state.deployments.effective(instance.appId, state.apps.get(instance.appId).orElse(null));
    events.publish("status_update_event", new JsonObject()
      .put("slaveId", instance.agentId)
      .put("taskId", status.getTaskId())
      .put("taskStatus", status.getState().name())
      .put("message", status.getMessage() == null ? "" : status.getMessage())
      .put("appId", instance.appId.toString())
      .put("host", instance.host)
      .put("ports", new JsonArray(instance.portsOf(status.getTaskId())))
      .put("ipAddresses", HostAddresses.of(instance))
      .put("version", instance.version));
    if (before != instance.state) {
      instanceChanged(instance, Instance.condition(instance.state));
    }
    int agentCheck = app == null ? -1 : TaskFactory.agentCheck(app, status.getTaskId());
    if (status.getHealthy() != null && agentCheck >= 0
      && !status.getHealthy().equals(instance.health(agentCheck).alive())) {
      // the agent reports a change of its check's verdict, having counted the failures itself
      recordHealth(instance, app, agentCheck, status.getHealthy(), status.getMessage(), true);
    }
    if (instance.state.isTerminal() || instance.state == TaskState.TASK_UNKNOWN) {
      terminated(instance, app, status, now);
    }
    if (status.getState() == TaskState.TASK_RUNNING && !status.getTrace().isEmpty()) {
      state.traces.record(instance.taskId, instance.appId, status.getTrace().at(Hop.COUNTED));
    }
    // converged in a batch: thousands of updates a second must not each walk thousands of instances
    changedApps.add(instance.appId);
  }

  /** Converges the apps whose tasks changed since the last call (SchedulerTerm calls it every few tens of ms). */
  void convergeChanged() {
    if (changedApps.isEmpty() || !acting()) {
      // kept for when this term may act again
      return;
    }
    List<PathId> ids = List.copyOf(changedApps);
    changedApps.clear();
    converge(ids);
  }

  /** A probe's outcome for one of the scheduler's own checks. */
  private void healthResult(Instance instance, int check, boolean alive, String cause) {
    if (!active || state.instances.get(instance.taskId).orElse(null) != instance) {
      return;
    }
    AppDefinition app = state.deployments.effective(instance.appId, state.apps.get(instance.appId).orElse(null));
    if (app != null && check < app.healthChecks().size()) {
      recordHealth(instance, app, check, alive, cause, false);
    }
  }

  /**
   * Records a check's verdict on a task and does what Marathon does: a failure is an event (unless
   * the task is still in its grace period and never passed), a change of the check's verdict
   * another, a change of the task's verdict a third; enough failures in a row kill it.
   */
  private void recordHealth(Instance instance, AppDefinition app, int index, boolean alive, String cause,
                            boolean countedByAgent) {
    long now = clock.getAsLong();
    HealthCheckDefinition check = app.healthChecks().get(index);
    CheckHealth health = instance.health(index);
    Boolean before = health.alive();
    if (alive) {
      health.passed(now);
    } else {
      boolean inGrace = instance.startedAtMs == null
        || now - instance.startedAtMs < check.gracePeriodSeconds() * 1000L;
      if (!countedByAgent && !health.everPassed() && inGrace) {
        return;
      }
      health.failed(now, cause == null ? "" : cause);
      // Marathon names the instance "taskId" in this event
      events.publish("failed_health_check_event", new JsonObject()
        .put("appId", instance.appId.toString())
        .put("taskId", instance.taskId)
        .put("healthCheck", AppJson.writeHealthCheck(check)));
    }
    if (!health.alive().equals(before)) {
      events.publish("health_status_changed_event", new JsonObject()
        .put("appId", instance.appId.toString())
        .put("instanceId", instance.taskId)
        .put("version", instance.version)
        .put("alive", health.alive()));
    }
    if (instance.judgeHealth(app.healthChecks().size())) {
      events.publish("instance_health_changed_event", new JsonObject()
        .put("instanceId", instance.taskId)
        .put("runSpecId", instance.appId.toString())
        .put("healthy", instance.healthy)
        .put("runSpecVersion", instance.version));
      if (Convergence.onHealth(app, instance) == Convergence.HealthVerdict.PROVEN) {
        state.queue.resetDelay(app);
      }
      changedApps.add(instance.appId);
    }
    if (!alive && Convergence.onFailedCheck(check, health, instance, countedByAgent) == Convergence.HealthVerdict.KILL) {
      killUnhealthy(instance, check, cause);
    }
  }

  private void killUnhealthy(Instance instance, HealthCheckDefinition check, String cause) {
    String reason = cause == null ? "" : cause;
    events.publish("unhealthy_instance_kill_event", new JsonObject()
      .put("appId", instance.appId.toString())
      .put("taskId", instance.taskId)
      .put("instanceId", instance.taskId)
      .put("version", instance.version)
      .put("reason", reason)
      .put("host", instance.host)
      .put("slaveId", instance.agentId));
    kill(instance, "it failed its " + check.protocol() + " health check " + check.maxConsecutiveFailures()
      + " times: " + reason);
  }

  private void terminated(Instance instance, AppDefinition app, TaskStatus status, long now) {
    state.instances.remove(instance.taskId);
    goneTasks.addAll(instance.containers.keySet());
    if (app != null && !instance.killRequested) {
      state.queue.ended(app, instance, now);
      state.lastFailures.put(app.id(), new TaskFailure(app.id(), instance.taskId, instance.state,
        status.getMessage() == null ? "" : status.getMessage(), instance.host, instance.agentId, instance.version,
        now));
    }
  }

  void instanceChanged(Instance instance, String condition) {
    events.publish("instance_changed_event", new JsonObject()
      .put("instanceId", instance.taskId)
      .put("condition", condition)
      .put("runSpecId", instance.appId.toString())
      .put("agentId", instance.agentId)
      .put("host", instance.host)
      .put("runSpecVersion", instance.version));
  }

  @Override
  public void error(String message) {
    LOG.severe("the master dropped the marathon framework: " + message);
  }
}
