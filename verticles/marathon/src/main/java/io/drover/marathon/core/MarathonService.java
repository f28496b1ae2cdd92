package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.GroupDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.deploy.DeploymentPlan;
import io.drover.marathon.deploy.DeploymentPlanner;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.store.MarathonStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the {@code /v2} API can ask of the leading scheduler. Every change becomes a deployment plan
 * from the apps as they are to the apps as asked; it is refused while another deployment changes
 * the same apps (unless forced), written to ZooKeeper in one transaction and only then applied.
 * Changes run one after the other, so twenty identical POSTs make one app and nineteen 409s.
 */
public final class MarathonService {

  /**
   * The most one change may write: ZooKeeper refuses requests over 1 MiB (jute.maxbuffer) by
   * dropping the session, which would cost the scheduler (and the master) its leadership.
   */
  static final int MAX_CHANGE_BYTES = 900_000;

  private final MarathonState state;
  private final AppScheduler scheduler;
  private final EventStream events;
  private final Function<List<MarathonStore.Write>, Future<Void>> persist;
  private final LongSupplier clock;
  private Future<?> changes = Future.succeededFuture();
  private Instant lastVersion = Instant.EPOCH;
  /** The version the change now running took, if it took one. */
  private Instant changeVersion;
  /** Service ports the change now running has handed out (a group may bring several new apps). */
  private final java.util.Set<Integer> changePorts = new java.util.HashSet<>();

  MarathonService(MarathonState state, AppScheduler scheduler, EventStream events,
                  Function<List<MarathonStore.Write>, Future<Void>> persist, LongSupplier clock) {
    this.state = state;
    this.scheduler = scheduler;
    this.events = events;
    this.persist = persist;
    this.clock = clock;
  }

  // ---- reads ----

  public Collection<AppDefinition> apps() {
    return state.apps.all();
  }

  public Optional<AppDefinition> app(PathId id) {
    return state.apps.get(id);
  }

  public AppDefinition existingApp(PathId id) {
    return app(id).orElseThrow(() -> ApiException.notFound("App '" + id + "' does not exist"));
  }

  public List<AppDefinition> versions(PathId id) {
    existingApp(id);
    return state.apps.versions(id);
  }

  public List<Instance> tasks(PathId id) {
    return state.instances.of(id);
  }

  public Collection<Instance> allTasks() {
    return state.instances.all();
  }

  /** GET /v2/deployments: a bare array, as Marathon's. */
  public JsonArray deploymentsJson() {
    return new JsonArray(state.deployments.all().stream()
      .map(run -> run.toJson(app -> ReadinessChecker.results(state.instances.of(app))))
      .toList());
  }

  public Set<PathId> explicitGroups() {
    return state.apps.explicitGroups();
  }

  public List<PathId> groupDependencies(PathId group) {
    return state.apps.groupDependencies(group);
  }

  public boolean groupExists(PathId group) {
    return state.apps.groupExists(group);
  }

  /** GET /v2/queue's items. */
  public JsonArray queueJson() {
    return new JsonArray(state.queue.waiting().stream().map(this::queueJson).toList());
  }

  public Optional<JsonObject> lastFailure(PathId id) {
    return Optional.ofNullable(state.lastFailures.get(id));
  }

  public String frameworkId() {
    return state.frameworkId;
  }

  /** Gauges for {@code /metrics}, in Marathon's dotted names. */
  public Map<String, Number> metrics() {
    Map<String, Number> metrics = new java.util.LinkedHashMap<>();
    metrics.put("marathon.apps.active", state.apps.all().size());
    metrics.put("marathon.groups.active", state.apps.explicitGroups().size());
    metrics.put("marathon.tasks.running", state.instances.all().stream().filter(Instance::isRunning).count());
    metrics.put("marathon.tasks.staged", state.instances.all().stream().filter(i -> !i.isRunning()).count());
    metrics.put("marathon.instances.unhealthy", state.instances.all().stream()
      .filter(i -> Boolean.FALSE.equals(i.healthy)).count());
    metrics.put("marathon.deployments.active", state.deployments.all().size());
    metrics.put("marathon.instances.launch_queue", state.queue.waiting().stream().mapToInt(e -> e.count).sum());
    metrics.put("marathon.http.event_streams.active", events.subscribers());
    return metrics;
  }

  /**
   * A queue item in Marathon's shape, plus Drover's {@code message}: why the tasks are not starting,
   * in words (the backoff, or which agents lack what).
   */
  private JsonObject queueJson(LaunchQueue.Entry entry) {
    long now = clock.getAsLong();
    AppDefinition app = state.apps.get(entry.appId).orElse(null);
    boolean delayed = entry.delay.isDelayed(now);
    String message = delayed
      ? "waiting out the launch backoff after " + entry.delay.failures() + " failure(s): "
        + entry.delay.timeLeftSeconds(now) + " s left (delay " + entry.delay.currentDelaySeconds() + " s)"
      : entry.offers.processedOffersCount() == 0 ? "waiting for offers" : entry.offers.explanation();
    return new JsonObject()
      .put("app", app == null ? new JsonObject().put("id", entry.appId.toString()) : appJson(app, false, false))
      .put("count", entry.count)
      .put("role", "*")
      .put("delay", new JsonObject().put("timeLeftSeconds", entry.delay.timeLeftSeconds(now)).put("overdue", !delayed)
        .put("currentDelaySeconds", entry.delay.currentDelaySeconds()).put("failures", entry.delay.failures()))
      .put("since", Instant.ofEpochMilli(entry.sinceMs).toString())
      .put("processedOffersSummary", new JsonObject(entry.offers.toMap()))
      .put("lastUnusedOffers", new JsonArray(entry.offers.lastUnusedOffers().stream()
        .map(u -> new JsonObject()
          .put("offer", new JsonObject().put("agentId", u.rejection().agentId()).put("hostname", u.rejection().hostname()))
          .put("reason", new JsonArray(u.rejection().reasons().stream().map(Enum::name).toList()))
          .put("details", new JsonArray(u.rejection().details()))
          .put("timestamp", Instant.ofEpochMilli(u.atMs()).toString()))
        .toList()))
      .put("message", message);
  }

  /** Marathon's app JSON with its task counts, deployments and, if asked, tasks and last failure. */
  public JsonObject appJson(AppDefinition app, boolean withTasks, boolean withFailure) {
    JsonObject json = AppJson.writeApp(app);
    List<Instance> tasks = tasks(app.id());
    boolean checks = !app.healthChecks().isEmpty();
    json.put("tasksStaged", tasks.stream().filter(i -> !i.isRunning()).count())
      .put("tasksRunning", tasks.stream().filter(Instance::isRunning).count())
      .put("tasksHealthy", checks ? tasks.stream().filter(i -> Boolean.TRUE.equals(i.healthy)).count() : 0)
      .put("tasksUnhealthy", checks ? tasks.stream().filter(i -> Boolean.FALSE.equals(i.healthy)).count() : 0)
      .put("deployments", new JsonArray(state.deployments.affecting(app.id()).stream()
        .map(r -> new JsonObject().put("id", r.plan.id())).toList()));
    if (withTasks) {
      json.put("tasks", new JsonArray(tasks.stream().map(i -> i.toJson(true)).toList()));
    }
    if (withFailure) {
      lastFailure(app.id()).ifPresent(f -> json.put("lastTaskFailure", f));
    }
    return json;
  }

  // ---- changes ----

  /** POST /v2/apps: a new app; 409 when the id is taken by an app or a group. */
  public Future<DeploymentPlan> createApp(AppDefinition app, boolean force) {
    return serialized(() -> {
      if (state.apps.get(app.id()).isPresent()) {
        throw ApiException.of(409, "An app with id [" + app.id() + "] already exists.");
      }
      if (state.apps.groupExists(app.id())) {
        throw ApiException.of(409, "A group with id [" + app.id() + "] already exists.");
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.put(app.id(), stamp(app, null, nextVersion()));
      return deploy(target, force, app.id().parent());
    });
  }

  /**
   * PUT/PATCH /v2/apps[/{id}]: each app replaces the stored one (or is created). {@code updates}
   * maps an app id to a function from the current definition (null if none) to the new one.
   */
  public Future<DeploymentPlan> updateApps(Map<PathId, Function<AppDefinition, AppDefinition>> updates, boolean force) {
    return updateApps(updates, force, () -> { });
  }

  private Future<DeploymentPlan> updateApps(Map<PathId, Function<AppDefinition, AppDefinition>> updates, boolean force,
                                            Runnable applied) {
    return serialized(() -> {
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      Instant version = nextVersion();
      updates.forEach((id, update) -> {
        AppDefinition current = target.get(id);
        AppDefinition next = update.apply(current);
        if (current != null && next.withVersion(current.version(), current.versionInfo()).equals(current)) {
          return;
        }
        if (current == null && state.apps.groupExists(id)) {
          throw ApiException.of(409, "A group with id [" + id + "] already exists.");
        }
        target.put(id, stamp(next, current, version));
      });
      return deploy(target, force, PathId.ROOT, new Extras(AppBook.GroupChange.NONE, applied, false));
    });
  }

  public Future<DeploymentPlan> deleteApp(PathId id, boolean force) {
    return serialized(() -> {
      existingApp(id);
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.remove(id);
      return deploy(target, force, id.parent()).onSuccess(p -> events.publish("app_terminated_event",
        new JsonObject().put("appId", id.toString())));
    });
  }

  /** POST /v2/apps/{id}/restart: the same configuration under a new version, replaced task by task. */
  public Future<DeploymentPlan> restartApp(PathId id, boolean force) {
    return serialized(() -> {
      AppDefinition current = existingApp(id);
      Instant version = nextVersion();
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.put(id, current.withVersion(version.toString(),
        new AppDefinition.VersionInfo(version.toString(), version.toString())));
      return deploy(target, force, id.parent());
    });
  }

  /** Scales the apps of the given tasks down by the number killed (Marathon's {@code scale=true}). */
  public Future<DeploymentPlan> killAndScale(List<Instance> tasks, boolean force) {
    Map<PathId, Function<AppDefinition, AppDefinition>> updates = new HashMap<>();
    Map<PathId, Long> counts = new HashMap<>();
    tasks.forEach(t -> counts.merge(t.appId, 1L, Long::sum));
    counts.forEach((id, n) -> updates.put(id, app -> app.withInstances((int) Math.max(0, app.instances() - n))));
    // the named tasks must be marked as going before the scale-down picks its own victims
    return updateApps(updates, force, () -> tasks.forEach(t -> scheduler.kill(t, "killed and scaled down")));
  }

  /** Kills tasks; the scheduler replaces them as usual. {@code wipe} forgets them at once. */
  public List<Instance> kill(List<Instance> tasks, boolean wipe) {
    tasks.forEach(t -> scheduler.kill(t, "killed through the API"));
    if (wipe) {
      tasks.forEach(t -> state.instances.remove(t.taskId));
    }
    return tasks;
  }

  public Optional<Instance> task(String taskId) {
    return state.instances.get(taskId);
  }

  /**
   * POST/PUT /v2/groups: the group's apps are added (POST) or, with {@code replace} (a PUT that names
   * apps or groups), replace what is under its id; a PUT of only dependencies leaves the apps be.
   */
  public Future<DeploymentPlan> putGroup(GroupDefinition group, boolean create, boolean replace, boolean force,
                                         boolean dryRun) {
    return serialized(() -> {
      if (create && state.apps.groupExists(group.id()) && !group.id().isRoot()) {
        throw ApiException.of(409, "Group " + group.id() + " is already created. Use PUT to change this group.");
      }
      if (state.apps.get(group.id()).isPresent()) {
        throw ApiException.of(409, "An app with id [" + group.id() + "] already exists.");
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      Instant version = nextVersion();
      List<GroupDefinition> groups = new ArrayList<>();
      collect(group, groups);
      if (!create && replace) {
        // PUT with apps or groups replaces the group: its apps that the body no longer names go away
        Set<PathId> named = new java.util.HashSet<>();
        groups.forEach(g -> g.apps().forEach(a -> named.add(a.id())));
        target.keySet().removeIf(id -> group.id().includes(id) && !named.contains(id));
      }
      for (GroupDefinition g : groups) {
        for (AppDefinition app : g.apps()) {
          AppDefinition current = target.get(app.id());
          if (current == null || !app.withVersion(current.version(), current.versionInfo()).equals(current)) {
            target.put(app.id(), stamp(app, current, version));
          }
        }
      }
      if (dryRun) {
        return Future.succeededFuture(DeploymentPlanner.plan(state.apps.snapshot(), target,
          UUID.randomUUID().toString(), version.toString()));
      }
      Map<PathId, List<PathId>> added = new HashMap<>();
      groups.forEach(g -> added.put(g.id(), g.dependencies()));
      return deploy(target, force, group.id(), new Extras(new AppBook.GroupChange(added, null), () -> { }, false));
    });
  }

  public Future<DeploymentPlan> deleteGroup(PathId id, boolean force) {
    return serialized(() -> {
      if (!state.apps.groupExists(id)) {
        throw ApiException.notFound("Group '" + id + "' does not exist");
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.keySet().removeIf(id::includes);
      return deploy(target, force, id, new Extras(new AppBook.GroupChange(Map.of(), id), () -> { }, false));
    });
  }

  /**
   * DELETE /v2/deployments/{id}: rolls the deployment back with a new deployment (the answer), or
   * with {@code force} just stops it where it is.
   */
  public Future<Optional<DeploymentPlan>> cancelDeployment(String id, boolean force) {
    return serialized(() -> {
      Deployments.Run run = state.deployments.get(id)
        .orElseThrow(() -> ApiException.notFound("DeploymentPlan " + id + " does not exist"));
      if (force) {
        run.closing = true;
        return persist.apply(List.of(Deployments.delete(id))).onFailure(e -> run.closing = false).map(v -> {
          state.deployments.remove(id);
          events.publish("deployment_failed", new JsonObject().put("id", id).put("reason", "stopped by request"));
          return Optional.<DeploymentPlan>empty();
        });
      }
      return rollBack(run).map(Optional::of);
    });
  }

  /** Rolls back a deployment that missed its deadline. */
  void expire(Deployments.Run run) {
    serialized(() -> state.deployments.get(run.plan.id()).isPresent() ? rollBack(run) : Future.succeededFuture());
  }

  /** A forced deployment back to the apps before {@code run}; it replaces {@code run} as a conflict. */
  private Future<DeploymentPlan> rollBack(Deployments.Run run) {
    Map<PathId, AppDefinition> target = DeploymentPlanner.revertedApps(run.plan, state.apps.snapshot());
    return deploy(target, true, PathId.ROOT, new Extras(AppBook.GroupChange.NONE, () -> { }, true))
      .compose(plan -> state.deployments.get(run.plan.id()).isEmpty() ? Future.succeededFuture(plan)
        // nothing was left to undo, so the rollback did not replace it: end it here
        : persist.apply(List.of(Deployments.delete(run.plan.id()))).map(v -> {
          state.deployments.remove(run.plan.id());
          return plan;
        }));
  }

  public void resetDelay(PathId id) {
    state.queue.resetDelay(existingApp(id));
    scheduler.converge();
  }

  // ---- the one way apps change ----

  /** What a change asks beyond its target apps: group edits, and work to do once it is applied. */
  private record Extras(AppBook.GroupChange groups, Runnable applied, boolean rollback) {
    static final Extras NONE = new Extras(AppBook.GroupChange.NONE, () -> { }, false);
  }

  private Future<DeploymentPlan> deploy(Map<PathId, AppDefinition> target, boolean force, PathId groupId) {
    return deploy(target, force, groupId, Extras.NONE);
  }

  private Future<DeploymentPlan> deploy(Map<PathId, AppDefinition> target, boolean force, PathId groupId,
                                        Extras extras) {
    Map<PathId, AppDefinition> original = state.apps.snapshot();
    // the version the change stamped its apps with, or a fresh one (a delete stamps none)
    String version = (changeVersion != null ? changeVersion : nextVersion()).toString();
    DeploymentPlan plan;
    try {
      plan = DeploymentPlanner.plan(original, target, UUID.randomUUID().toString(), version);
    } catch (IllegalArgumentException cycle) {
      throw new ApiException(422, new JsonObject().put("message", "Object is not valid").put("details",
        new JsonArray().add(new JsonObject().put("path", "/dependencies")
          .put("errors", new JsonArray().add(cycle.getMessage())))));
    }
    List<Deployments.Run> conflicts = state.deployments.conflicting(plan).stream().filter(r -> !r.closing).toList();
    if (!conflicts.isEmpty() && !force) {
      throw ApiException.locked(conflicts.stream().map(r -> r.plan.id()).toList());
    }
    List<MarathonStore.Write> writes = new ArrayList<>();
    plan.affectedApps().forEach(id -> writes.add(state.apps.appWrite(id, target.get(id))));
    // forced aside: they stop moving now, so no progress of theirs is written after their deletion
    conflicts.forEach(r -> {
      r.closing = true;
      writes.add(Deployments.delete(r.plan.id()));
    });
    if (!plan.isEmpty()) {
      writes.add(Deployments.write(new Deployments.Run(plan, 0, clock.getAsLong())));
    }
    if (extras.groups() != AppBook.GroupChange.NONE) {
      writes.add(state.apps.groupsWrite(extras.groups()));
    }
    int bytes = writes.stream().mapToInt(MarathonStore.Write::size).sum();
    if (bytes > MAX_CHANGE_BYTES) {
      conflicts.forEach(r -> r.closing = false);
      throw ApiException.of(413, "this change would write " + bytes + " bytes to ZooKeeper in one transaction; "
        + "the limit is " + MAX_CHANGE_BYTES + " (make the definitions smaller or change fewer apps at once)");
    }
    return persist.apply(writes).onFailure(e -> conflicts.forEach(r -> r.closing = false)).map(v -> {
      plan.affectedApps().forEach(id -> {
        AppDefinition app = target.get(id);
        if (app == null) {
          state.apps.remove(id);
        } else {
          state.apps.put(app);
        }
      });
      state.apps.apply(extras.groups());
      conflicts.forEach(r -> state.deployments.remove(r.plan.id()));
      if (!plan.isEmpty()) {
        state.deployments.start(plan, 0).rollback = extras.rollback();
      }
      events.publish("group_change_success", new JsonObject().put("groupId", groupId.toString())
        .put("version", plan.version()));
      extras.applied().run();
      scheduler.converge();
      return plan;
    });
  }

  /**
   * Versions and version info of a changed app (Marathon's: a scale keeps lastConfigChangeAt), and
   * a service port from {@link #SERVICE_PORTS} for each port left at 0, as Marathon assigns them.
   */
  private AppDefinition stamp(AppDefinition next, AppDefinition current, Instant version) {
    next = withServicePorts(next);
    String v = version.toString();
    if (current != null && next.sameConfigAs(current) && current.versionInfo() != null) {
      return next.withVersion(v, new AppDefinition.VersionInfo(v, current.versionInfo().lastConfigChangeAt()));
    }
    return next.withVersion(v, new AppDefinition.VersionInfo(v, v));
  }

  /** Marathon's default range for service ports ({@code --local_port_min/max}). */
  static final int SERVICE_PORT_MIN = 10_000;
  static final int SERVICE_PORT_MAX = 20_000;

  private AppDefinition withServicePorts(AppDefinition app) {
    if (app.requirePorts() || !app.servicePorts().contains(0)) {
      return app;
    }
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    state.apps.all().stream().filter(a -> !a.id().equals(app.id())).forEach(a -> taken.addAll(a.servicePorts()));
    taken.addAll(app.servicePorts());
    taken.addAll(changePorts);
    List<Integer> ports = new ArrayList<>();
    int candidate = SERVICE_PORT_MIN;
    for (int port : app.servicePorts()) {
      if (port != 0) {
        ports.add(port);
        continue;
      }
      while (taken.contains(candidate) && candidate < SERVICE_PORT_MAX) {
        candidate++;
      }
      if (candidate >= SERVICE_PORT_MAX) {
        throw ApiException.of(422, "no free service port is left in " + SERVICE_PORT_MIN + "-" + SERVICE_PORT_MAX);
      }
      ports.add(candidate);
      taken.add(candidate);
      changePorts.add(candidate);
    }
    return app.withServicePorts(ports);
  }

  /** A version that is later than every earlier one, in Marathon's millisecond form. */
  private Instant nextVersion() {
    Instant now = Instant.ofEpochMilli(clock.getAsLong()).truncatedTo(ChronoUnit.MILLIS);
    lastVersion = now.isAfter(lastVersion) ? now : lastVersion.plusMillis(1);
    changeVersion = lastVersion;
    return lastVersion;
  }

  private static void collect(GroupDefinition group, List<GroupDefinition> into) {
    into.add(group);
    group.groups().forEach(g -> collect(g, into));
  }

  /** Runs changes one at a time, in the order they came. */
  private <T> Future<T> serialized(Supplier<Future<T>> change) {
    Future<T> result = changes.transform(ignored -> {
      changeVersion = null;
      changePorts.clear();
      try {
        return change.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    changes = result;
    return result;
  }
}
