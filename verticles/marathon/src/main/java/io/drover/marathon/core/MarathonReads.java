package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.deploy.DeploymentPlan;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.placement.LaunchDelay;
import io.drover.marathon.placement.OfferSummary;
import io.vertx.core.json.JsonArray;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the {@code /v2} API and the dashboard may read of the leading scheduler: apps, their versions
 * and tasks, groups, deployments in progress and the launch queue. Reads change nothing; the API
 * renders them.
 */
public final class MarathonReads {

  /** A deployment in progress; {@code currentStep} counts from 1 as Marathon's does. */
  public record InProgress(DeploymentPlan plan, int currentStep) {
  }

  /**
   * Tasks of an app waiting to start: how many, since when, its backoff and what became of the
   * offers it was shown.
   */
  public record Waiting(PathId appId, int count, long sinceMs, LaunchDelay delay, OfferSummary offers) {
  }

  private final MarathonState state;
  private final EventStream events;
  private final LongSupplier clock;

  MarathonReads(MarathonState state, EventStream events, LongSupplier clock) {
    this.state = state;
    this.events = events;
    this.clock = clock;
  }

  /** The latest launches of apps under {@code prefix} that reached TASK_RUNNING, with their hops. */
  public List<LaunchTraces.Traced> launchTraces(String prefix) {
    return state.traces.under(prefix);
  }

  /** The scheduler's time, in epoch millis (backoffs are counted on it). */
  public long now() {
    return clock.getAsLong();
  }

  /** The apps, pods left out. */
  public Collection<AppDefinition> apps() {
    return state.apps.all().stream().filter(a -> !a.isPod()).toList();
  }

  public Optional<AppDefinition> app(PathId id) {
    return state.apps.get(id).filter(a -> !a.isPod());
  }

  /** @throws Refusal {@link Refusal.Reason#UNKNOWN} when there is no such app */
  public AppDefinition existingApp(PathId id) {
    return app(id).orElseThrow(() -> Refusal.unknown("App '" + id + "' does not exist"));
  }

  /** The app's stored versions, oldest first; {@link Refusal.Reason#UNKNOWN} when there is no such app. */
  public List<AppDefinition> versions(PathId id) {
    existingApp(id);
    return state.apps.versions(id);
  }

  /** The apps and the pods, which share one space of ids. */
  public Collection<AppDefinition> appsAndPods() {
    return state.apps.all();
  }

  /** The app or the pod of that id. */
  public Optional<AppDefinition> appOrPod(PathId id) {
    return state.apps.get(id);
  }

  /** The pods, each as the app definition that carries it. */
  public Collection<AppDefinition> pods() {
    return state.apps.all().stream().filter(AppDefinition::isPod).toList();
  }

  /** @throws Refusal {@link Refusal.Reason#UNKNOWN} when there is no such pod */
  public AppDefinition existingPod(PathId id) {
    return state.apps.get(id).filter(AppDefinition::isPod)
      .orElseThrow(() -> Refusal.unknown("Pod '" + id + "' does not exist"));
  }

  /** The pod's stored versions, oldest first; {@link Refusal.Reason#UNKNOWN} when there is no such pod. */
  public List<AppDefinition> podVersions(PathId id) {
    existingPod(id);
    return state.apps.versions(id);
  }

  public List<Instance> tasks(PathId id) {
    return state.instances.of(id);
  }

  /** The tasks of every app, pod instances left out (as Marathon's {@code /v2/tasks}). */
  public Collection<Instance> allTasks() {
    return state.instances.all().stream().filter(i -> !i.isPod()).toList();
  }

  public Optional<Instance> task(String taskId) {
    return state.instances.get(taskId);
  }

  public List<InProgress> deployments() {
    return state.deployments.all().stream()
      .map(run -> new InProgress(run.plan, run.currentStep()))
      .toList();
  }

  /** The ids of the deployments changing the app. */
  public List<String> deploymentsOf(PathId app) {
    return state.deployments.affecting(app).stream().map(r -> r.plan.id()).toList();
  }

  /** The readiness check results of the app's tasks, as a deployment's current action shows them. */
  public JsonArray readinessResults(PathId app) {
    return ReadinessChecker.results(state.instances.of(app));
  }

  public Set<PathId> explicitGroups() {
    return state.apps.explicitGroups();
  }

  /** Whether a top-level group enforces its role on its apps ({@code enforceRole}). */
  public boolean enforcesRole(PathId group) {
    return state.apps.enforcesRole(group);
  }

  public List<PathId> groupDependencies(PathId group) {
    return state.apps.groupDependencies(group);
  }

  /**
   * The versions of a group, newest first: every version at which one of its apps changed, as far
   * back as their stored versions reach; {@link Refusal.Reason#UNKNOWN} when there is no such group.
   */
  public List<String> groupVersions(PathId group) {
    if (!state.apps.groupExists(group)) {
      throw Refusal.unknown("Group '" + group + "' does not exist");
    }
    return groupVersions(state.apps, group);
  }

  static List<String> groupVersions(AppBook apps, PathId group) {
    return apps.all().stream().filter(a -> group.includes(a.id()))
      .flatMap(a -> apps.versions(a.id()).stream().map(AppDefinition::version))
      .distinct().sorted(Comparator.comparing(Instant::parse).reversed()).toList();
  }

  public boolean groupExists(PathId group) {
    return state.apps.groupExists(group);
  }

  /** The launch queue: the apps with tasks waiting to start. */
  public List<Waiting> queue() {
    return state.queue.waiting().stream()
      .map(e -> new Waiting(e.appId, e.count, e.sinceMs, e.delay, e.offers))
      .toList();
  }

  /** The app's last task that ended without being asked to (Marathon's {@code lastTaskFailure}). */
  public Optional<TaskFailure> lastFailure(PathId id) {
    return Optional.ofNullable(state.lastFailures.get(id));
  }

  /** Versions kept per app (Marathon's {@code --zk_max_versions}). */
  public int maxVersions() {
    return AppBook.MAX_VERSIONS;
  }

  /** The callback URLs of {@code /v2/eventSubscriptions}. */
  public List<String> callbackUrls() {
    return List.copyOf(state.callbackUrls);
  }

  public String frameworkId() {
    return state.frameworkId;
  }

  /** Gauges for {@code /metrics}, in Marathon's dotted names. */
  public Map<String, Number> metrics() {
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("marathon.apps.active", apps().size());
    metrics.put("marathon.pods.active", pods().size());
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
}
