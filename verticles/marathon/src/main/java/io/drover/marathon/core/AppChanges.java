package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.GroupDefinition;
import io.drover.marathon.app.HealthCheckDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.deploy.DeploymentPlan;
import io.drover.marathon.deploy.DeploymentPlanner;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.store.MarathonStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The changes the {@code /v2} API can ask of the leading scheduler. Every change becomes a deployment
 * plan from the apps as they are to the apps as asked; it is refused while another deployment
 * changes the same apps (unless forced), written to ZooKeeper in one transaction and only then
 * applied. Changes run one after the other, so twenty identical POSTs make one app and nineteen
 * refusals. A change answers with what it made; a refusal is a {@link Refusal} with its reason.
 */
public final class AppChanges {

  /**
   * The most one change may write: ZooKeeper refuses requests over 1 MiB (jute.maxbuffer) by
   * dropping the session, which would cost the scheduler (and the master) its leadership.
   */
  static final int MAX_CHANGE_BYTES = 900_000;

  /**
   * What a change made.
   *
   * @param plan the deployment that carries it out (empty when nothing changed)
   * @param apps the apps the change was asked about, as it left them (stamped with their version and
   *             service ports); an app it removed is absent
   */
  public record Change(DeploymentPlan plan, Map<PathId, AppDefinition> apps) {

    public Change {
      apps = Map.copyOf(apps);
    }

    public Optional<AppDefinition> app(PathId id) {
      return Optional.ofNullable(apps.get(id));
    }

    /** Whether this change created the app (of several racing PUTs, only one creates). */
    public boolean created(PathId id) {
      return plan.target().containsKey(id) && !plan.original().containsKey(id);
    }
  }

  private final MarathonState state;
  private final AppScheduler scheduler;
  private final EventStream events;
  private final Function<List<MarathonStore.Write>, Future<Void>> persist;
  private final Versions versions;
  private final ServicePorts servicePorts = new ServicePorts();
  private final LongSupplier clock;
  /** Marathon's own role ({@code --mesos-role}): that of apps in the root group. */
  private final String mesosRole;
  private Future<?> changes = Future.succeededFuture();

  AppChanges(MarathonState state, AppScheduler scheduler, EventStream events,
             Function<List<MarathonStore.Write>, Future<Void>> persist, LongSupplier clock, String mesosRole) {
    this.mesosRole = mesosRole;
    this.state = state;
    this.scheduler = scheduler;
    this.events = events;
    this.persist = persist;
    this.clock = clock;
    this.versions = new Versions(clock);
  }

  /** POST /v2/apps: a new app; {@link Refusal.Reason#ID_TAKEN} when an app or a group has its id. */
  public Future<Change> createApp(AppDefinition app, boolean force) {
    return serialized(() -> {
      if (state.apps.get(app.id()).isPresent()) {
        throw Refusal.of(Refusal.Reason.ID_TAKEN, kind(state.apps.get(app.id()).get()) + " with id [" + app.id()
          + "] already exists.");
      }
      if (state.apps.groupExists(app.id())) {
        throw Refusal.of(Refusal.Reason.ID_TAKEN, "A group with id [" + app.id() + "] already exists.");
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.put(app.id(), stamp(withRole(app, null, state.apps::enforcesRole), null, versions.next()));
      return deploy(target, Set.of(app.id()), force, app.id().parent(), Extras.NONE);
    });
  }

  /**
   * PUT/PATCH /v2/apps[/{id}]: each app replaces the stored one (or is created). {@code updates}
   * maps an app id to a function from the current definition (null if none) to the new one; it is
   * applied once, in the change, and what it throws refuses the whole change.
   */
  public Future<Change> updateApps(Map<PathId, Function<AppDefinition, AppDefinition>> updates, boolean force) {
    return updateApps(updates, force, () -> { });
  }

  private Future<Change> updateApps(Map<PathId, Function<AppDefinition, AppDefinition>> updates, boolean force,
                                    Runnable applied) {
    return serialized(() -> {
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      Instant version = versions.next();
      updates.forEach((id, update) -> {
        AppDefinition current = target.get(id);
        AppDefinition next = withRole(update.apply(current), current, state.apps::enforcesRole);
        requireSameKind(current, next);
        if (current != null && next.withVersion(current.version(), current.versionInfo()).equals(current)) {
          return;
        }
        if (current == null && state.apps.groupExists(id)) {
          throw Refusal.of(Refusal.Reason.ID_TAKEN, "A group with id [" + id + "] already exists.");
        }
        target.put(id, stamp(next, current, version));
      });
      return deploy(target, updates.keySet(), force, PathId.ROOT,
        new Extras(AppBook.GroupChange.NONE, applied, false));
    });
  }

  public Future<Change> deleteApp(PathId id, boolean force) {
    return serialized(() -> {
      existingApp(id);
      return remove(id, force)
        .onSuccess(p -> events.publish("app_terminated_event", new JsonObject().put("appId", id.toString())));
    });
  }

  /** DELETE /v2/pods/{id}: the pod and its instances go. */
  public Future<Change> deletePod(PathId id, boolean force) {
    return serialized(() -> {
      state.apps.get(id).filter(AppDefinition::isPod)
        .orElseThrow(() -> Refusal.unknown("Pod '" + id + "' does not exist"));
      return remove(id, force);
    });
  }

  private Future<Change> remove(PathId id, boolean force) {
    Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
    target.remove(id);
    return deploy(target, Set.of(id), force, id.parent(), Extras.NONE);
  }

  private static String kind(AppDefinition app) {
    return app.isPod() ? "A pod" : "An app";
  }

  /** POST /v2/apps/{id}/restart: the same configuration under a new version, replaced task by task. */
  public Future<Change> restartApp(PathId id, boolean force) {
    return serialized(() -> {
      AppDefinition current = existingApp(id);
      Instant version = versions.next();
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.put(id, current.withVersion(version.toString(),
        new AppDefinition.VersionInfo(version.toString(), version.toString())));
      return deploy(target, Set.of(id), force, id.parent(), Extras.NONE);
    });
  }

  /** Scales the apps of the given tasks down by the number killed (Marathon's {@code scale=true}). */
  public Future<Change> killAndScale(List<Instance> tasks, boolean force) {
    Map<PathId, Function<AppDefinition, AppDefinition>> updates = new HashMap<>();
    Map<PathId, Long> counts = new HashMap<>();
    tasks.forEach(t -> counts.merge(t.appId, 1L, Long::sum));
    counts.forEach((id, n) -> updates.put(id, app -> app.withInstances((int) Math.max(0, app.instances() - n))));
    // the named tasks must be marked as going before the scale-down picks its own victims
    return updateApps(updates, force, () -> tasks.forEach(t -> scheduler.kill(t, "killed and scaled down")));
  }

  /** Kills tasks; the scheduler replaces them as usual. {@code wipe} forgets them at once. */
  public List<Instance> kill(List<Instance> tasks, boolean wipe) {
    tasks.forEach(t -> {
      if (wipe) {
        scheduler.wipe(t);
      } else {
        scheduler.kill(t, "killed through the API");
      }
    });
    return tasks;
  }

  /**
   * POST/PUT /v2/groups: the group's apps are added (POST) or, with {@code replace} (a PUT that names
   * apps or groups), replace what is under its id; a PUT of only dependencies leaves the apps be.
   * A {@code dryRun} answers the plan and changes nothing.
   */
  public Future<Change> putGroup(GroupDefinition group, boolean create, boolean replace, boolean force,
                                 boolean dryRun) {
    return serialized(() -> {
      if (create && state.apps.groupExists(group.id()) && !group.id().isRoot()) {
        throw Refusal.of(Refusal.Reason.ID_TAKEN,
          "Group " + group.id() + " is already created. Use PUT to change this group.");
      }
      if (state.apps.get(group.id()).isPresent()) {
        throw Refusal.of(Refusal.Reason.ID_TAKEN, "An app with id [" + group.id() + "] already exists.");
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      Instant version = versions.next();
      List<GroupDefinition> groups = new ArrayList<>();
      collect(group, groups);
      Set<PathId> named = new HashSet<>();
      groups.forEach(g -> g.apps().forEach(a -> named.add(a.id())));
      if (!create && replace) {
        // PUT with apps or groups replaces the group: its apps that the body no longer names go away;
        // its pods stay, as Marathon's, since a group's body cannot name them
        target.entrySet().removeIf(e -> group.id().includes(e.getKey()) && !named.contains(e.getKey())
          && !e.getValue().isPod());
      }
      // the body may set a top-level group's enforceRole for the apps it brings
      Map<PathId, Boolean> enforceRole = new HashMap<>();
      groups.stream().filter(g -> g.enforceRole() != null).forEach(g -> enforceRole.put(g.id(), g.enforceRole()));
      Predicate<PathId> enforces = g -> enforceRole.getOrDefault(g, state.apps.enforcesRole(g));
      for (GroupDefinition g : groups) {
        for (AppDefinition posted : g.apps()) {
          AppDefinition current = target.get(posted.id());
          AppDefinition app = withRole(posted, current, enforces);
          requireSameKind(current, app);
          if (current == null || !app.withVersion(current.version(), current.versionInfo()).equals(current)) {
            target.put(app.id(), stamp(app, current, version));
          }
        }
      }
      if (dryRun) {
        return Future.succeededFuture(made(DeploymentPlanner.plan(state.apps.snapshot(), target,
          UUID.randomUUID().toString(), version.toString()), target, named));
      }
      Map<PathId, List<PathId>> added = new HashMap<>();
      groups.forEach(g -> added.put(g.id(), g.dependencies()));
      return deploy(target, named, force, group.id(),
        new Extras(new AppBook.GroupChange(added, enforceRole, null), () -> { }, false));
    });
  }

  /**
   * PUT /v2/groups/{id} {@code {"version": v}}: every app in the group goes back to its stored
   * definition of that time (the latest not newer than {@code version}); apps made since go away.
   * It reaches as far back as the apps' stored versions do: an app deleted since cannot come back.
   */
  public Future<Change> rollBackGroup(PathId group, String version, boolean force) {
    return serialized(() -> {
      if (!state.apps.groupExists(group)) {
        throw Refusal.unknown("Group '" + group + "' does not exist");
      }
      Instant at;
      try {
        at = Instant.parse(version);
      } catch (RuntimeException notAVersion) {
        throw Refusal.unknown("Group " + group + " not available in version " + version);
      }
      if (!MarathonReads.groupVersions(state.apps, group).contains(version)) {
        throw Refusal.unknown("Group " + group + " not available in version " + version);
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      Instant stamped = versions.next();
      Set<PathId> asked = new HashSet<>();
      for (AppDefinition current : List.copyOf(state.apps.all())) {
        if (!group.includes(current.id())) {
          continue;
        }
        asked.add(current.id());
        Optional<AppDefinition> then = state.apps.versions(current.id()).stream()
          .filter(v -> !Instant.parse(v.version()).isAfter(at))
          .reduce((older, newer) -> newer);
        if (then.isEmpty()) {
          target.remove(current.id());
        } else if (!then.get().version().equals(current.version())) {
          target.put(current.id(), stamp(then.get(), current, stamped));
        }
      }
      return deploy(target, asked, force, group, Extras.NONE);
    });
  }

  public Future<Change> deleteGroup(PathId id, boolean force) {
    return serialized(() -> {
      if (!state.apps.groupExists(id)) {
        throw Refusal.unknown("Group '" + id + "' does not exist");
      }
      Map<PathId, AppDefinition> target = new HashMap<>(state.apps.snapshot());
      target.keySet().removeIf(id::includes);
      return deploy(target, Set.of(), force, id, new Extras(new AppBook.GroupChange(Map.of(), Map.of(), id), () -> { }, false));
    });
  }

  /**
   * DELETE /v2/deployments/{id}: rolls the deployment back with a new deployment (the answer), or
   * with {@code force} just stops it where it is (no answer).
   */
  public Future<Optional<DeploymentPlan>> cancelDeployment(String id, boolean force) {
    return serialized(() -> {
      Deployments.Run run = state.deployments.get(id)
        .orElseThrow(() -> Refusal.unknown("DeploymentPlan " + id + " does not exist"));
      if (force) {
        run.closing = true;
        return persist.apply(List.of(Deployments.delete(id))).onFailure(e -> run.closing = false).map(v -> {
          state.deployments.remove(id);
          events.publish("deployment_failed", new JsonObject().put("id", id)
            .put("plan", Deployments.planJson(run.plan)).put("reason", "stopped by request"));
          return Optional.<DeploymentPlan>empty();
        });
      }
      return rollBack(run).map(change -> Optional.of(change.plan()));
    });
  }

  /** Rolls back a deployment that missed its deadline. */
  void expire(Deployments.Run run) {
    serialized(() -> state.deployments.get(run.plan.id()).isPresent() ? rollBack(run) : Future.succeededFuture());
  }

  /** A forced deployment back to the apps before {@code run}; it replaces {@code run} as a conflict. */
  private Future<Change> rollBack(Deployments.Run run) {
    Map<PathId, AppDefinition> target = DeploymentPlanner.revertedApps(run.plan, state.apps.snapshot());
    return deploy(target, Set.of(), true, PathId.ROOT, new Extras(AppBook.GroupChange.NONE, () -> { }, true))
      .compose(change -> state.deployments.get(run.plan.id()).isEmpty() ? Future.succeededFuture(change)
        // nothing was left to undo, so the rollback did not replace it: end it here
        : persist.apply(List.of(Deployments.delete(run.plan.id()))).map(v -> {
          state.deployments.remove(run.plan.id());
          return change;
        }));
  }

  /** DELETE /v2/queue/{id}/delay: the app's or pod's next launch need not wait out its backoff. */
  public void resetDelay(PathId id) {
    state.queue.resetDelay(state.apps.get(id)
      .orElseThrow(() -> Refusal.unknown("App or pod '" + id + "' does not exist")));
    scheduler.converge();
  }

  // ---- the one way apps change ----

  /** What a change asks beyond its target apps: group edits, and work to do once it is applied. */
  private record Extras(AppBook.GroupChange groups, Runnable applied, boolean rollback) {
    static final Extras NONE = new Extras(AppBook.GroupChange.NONE, () -> { }, false);
  }

  /**
   * Plans the way from the stored apps to {@code target}, writes it and applies it.
   *
   * @param asked the apps the caller asked about, which the answer names as the change left them
   */
  private Future<Change> deploy(Map<PathId, AppDefinition> target, Set<PathId> asked, boolean force, PathId groupId,
                                Extras extras) {
    Map<PathId, AppDefinition> original = state.apps.snapshot();
    String version = versions.ofChange().toString();
    DeploymentPlan plan;
    try {
      plan = DeploymentPlanner.plan(original, target, UUID.randomUUID().toString(), version);
    } catch (IllegalArgumentException cycle) {
      throw Refusal.of(Refusal.Reason.DEPENDENCY_CYCLE, cycle.getMessage());
    }
    List<Deployments.Run> conflicts = state.deployments.conflicting(plan).stream().filter(r -> !r.closing).toList();
    if (!conflicts.isEmpty() && !force) {
      throw Refusal.locked(conflicts.stream().map(r -> r.plan.id()).toList());
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
      throw Refusal.of(Refusal.Reason.CHANGE_TOO_LARGE, "this change would write " + bytes
        + " bytes to ZooKeeper in one transaction; the limit is " + MAX_CHANGE_BYTES
        + " (make the definitions smaller or change fewer apps at once)");
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
      plan.affectedApps().forEach(id -> healthChecksChanged(original.get(id), target.get(id)));
      extras.applied().run();
      scheduler.converge();
      return made(plan, target, asked);
    });
  }

  /**
   * Marathon's health check events for a change of an app: its old checks removed (when it had
   * some and they changed or it is gone), each new one added with the app's version.
   */
  private void healthChecksChanged(AppDefinition before, AppDefinition after) {
    List<HealthCheckDefinition> old = before == null ? List.of() : before.healthChecks();
    List<HealthCheckDefinition> now = after == null ? List.of() : after.healthChecks();
    if (old.equals(now)) {
      return;
    }
    if (!old.isEmpty()) {
      events.publish("remove_health_check_event", new JsonObject().put("appId", before.id().toString()));
    }
    now.forEach(check -> events.publish("add_health_check_event", new JsonObject()
      .put("appId", after.id().toString())
      .put("version", after.version())
      .put("healthCheck", AppJson.writeHealthCheck(check))));
  }

  private static Change made(DeploymentPlan plan, Map<PathId, AppDefinition> target, Set<PathId> asked) {
    Map<PathId, AppDefinition> apps = new HashMap<>();
    asked.forEach(id -> Optional.ofNullable(target.get(id)).ifPresent(app -> apps.put(id, app)));
    return new Change(plan, apps);
  }

  /** Apps and pods share one space of ids: neither API turns the one into the other. */
  private static void requireSameKind(AppDefinition current, AppDefinition next) {
    if (current != null && current.isPod() != next.isPod()) {
      throw Refusal.of(Refusal.Reason.ID_TAKEN, kind(current) + " with id [" + current.id() + "] already exists.");
    }
  }

  private AppDefinition existingApp(PathId id) {
    return state.apps.get(id).filter(a -> !a.isPod())
      .orElseThrow(() -> Refusal.unknown("App '" + id + "' does not exist"));
  }

  /**
   * Versions and version info of a changed app (Marathon's: a scale keeps lastConfigChangeAt), and
   * a service port for each port left at 0, as Marathon assigns them.
   */
  private AppDefinition stamp(AppDefinition next, AppDefinition current, Instant version) {
    next = servicePorts.assign(next, state.apps.all());
    String v = version.toString();
    if (current != null && next.sameConfigAs(current) && current.versionInfo() != null) {
      return next.withVersion(v, new AppDefinition.VersionInfo(v, current.versionInfo().lastConfigChangeAt()));
    }
    return next.withVersion(v, new AppDefinition.VersionInfo(v, v));
  }

  /**
   * The app with the role Marathon gives it ({@link ServiceRoles}): the default when it names none;
   * refused when it names one it may not have.
   *
   * @param enforces whether a top-level group enforces its role
   */
  private AppDefinition withRole(AppDefinition app, AppDefinition current, Predicate<PathId> enforces) {
    ServiceRoles.Resolved resolved = ServiceRoles.of(app.id(), mesosRole, enforces,
      current == null ? null : current.role()).resolve(app.role());
    if (resolved.problem() != null) {
      throw Refusal.of(Refusal.Reason.INVALID_ROLE, resolved.problem());
    }
    return app.role() == null ? app.withRole(resolved.role()) : app;
  }

  private static void collect(GroupDefinition group, List<GroupDefinition> into) {
    into.add(group);
    group.groups().forEach(g -> collect(g, into));
  }

  /**
   * POST /v2/eventSubscriptions: adds a callback URL (already checked against the operator's
   * allow-list); answers Marathon's {@code subscribe_event}, which the event stream carries too.
   */
  public Future<JsonObject> subscribe(String callbackUrl, String clientIp) {
    return serialized(() -> {
      Set<String> urls = new LinkedHashSet<>(state.callbackUrls);
      urls.add(callbackUrl);
      return persist.apply(List.of(MarathonStore.eventSubscribersWrite(urls))).map(v -> {
        state.callbackUrls.add(callbackUrl);
        return events.publish("subscribe_event", new JsonObject().put("clientIp", clientIp)
          .put("callbackUrl", callbackUrl)).data();
      });
    });
  }

  /** DELETE /v2/eventSubscriptions: removes a callback URL; answers Marathon's {@code unsubscribe_event}. */
  public Future<JsonObject> unsubscribe(String callbackUrl, String clientIp) {
    return serialized(() -> {
      Set<String> urls = new LinkedHashSet<>(state.callbackUrls);
      urls.remove(callbackUrl);
      return persist.apply(List.of(MarathonStore.eventSubscribersWrite(urls))).map(v -> {
        state.callbackUrls.remove(callbackUrl);
        return events.publish("unsubscribe_event", new JsonObject().put("clientIp", clientIp)
          .put("callbackUrl", callbackUrl)).data();
      });
    });
  }

  /** Runs changes one at a time, in the order they came. */
  private <T> Future<T> serialized(Supplier<Future<T>> change) {
    Future<T> result = changes.transform(ignored -> {
      versions.newChange();
      servicePorts.newChange();
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
