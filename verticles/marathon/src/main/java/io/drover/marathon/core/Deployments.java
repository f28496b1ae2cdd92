package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.marathon.deploy.DeploymentAction;
import io.drover.marathon.deploy.DeploymentJson;
import io.drover.marathon.deploy.DeploymentPlan;
import io.drover.marathon.deploy.DeploymentStep;
import io.drover.marathon.events.EventStream;
import io.drover.marathon.store.MarathonStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The deployments in progress. A deployment holds back the apps of its later steps (the scheduler
 * keeps them as they were, {@link #effective}), and moves to the next step once every action of the
 * current one is done: started, scaled or restarted apps run their instance count of the target
 * version and are ready; stopped apps have no task left.
 */
final class Deployments {

  private static final Logger LOG = Logger.getLogger(Deployments.class.getName());

  /** One deployment in progress; {@code step} is the index of the current step. */
  static final class Run {
    final DeploymentPlan plan;
    final long startedMs;
    int step;
    /** Being cancelled, forced aside or rolled back: it no longer moves, its end is being written. */
    boolean closing;
    /** A rollback has no deadline, so that two versions cannot take turns failing. */
    boolean rollback;
    boolean expired;

    Run(DeploymentPlan plan, int step, long startedMs) {
      this.plan = plan;
      this.step = step;
      this.startedMs = startedMs;
    }

    /** The current step as Marathon counts it, from 1. */
    int currentStep() {
      return Math.min(step + 1, plan.steps().size());
    }

    /**
     * The index of the last step acting on {@code app}, or -1: a new app is started in one step and
     * scaled in a later one, after the apps it depends on.
     */
    int lastStepOf(PathId app) {
      List<DeploymentStep> steps = plan.steps();
      for (int i = steps.size() - 1; i >= 0; i--) {
        if (steps.get(i).actions().stream().anyMatch(a -> a.app().equals(app))) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Whether an app is done with its step: the scheduler answers, it knows the tasks. */
  interface Progress {
    boolean converged(AppDefinition app);

    boolean stopped(PathId app);
  }

  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final EventStream events;
  private final LongSupplier clock;
  private final long deadlineMs;
  private Progress progress;
  private Consumer<List<MarathonStore.Write>> persist = writes -> { };
  private Consumer<Run> expired = run -> { };

  Deployments(EventStream events, LongSupplier clock, long deadlineMs) {
    this.events = events;
    this.clock = clock;
    this.deadlineMs = deadlineMs;
  }

  void wire(Progress progress, Consumer<List<MarathonStore.Write>> persist, Consumer<Run> expired) {
    this.progress = progress;
    this.persist = persist;
    this.expired = expired;
  }

  Collection<Run> all() {
    return runs.values();
  }

  Optional<Run> get(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  /** The deployments a new plan would clash with: Marathon lets one deployment change an app at a time. */
  List<Run> conflicting(DeploymentPlan plan) {
    return runs.values().stream().filter(r -> r.plan.conflictsWith(plan)).toList();
  }

  List<Run> affecting(PathId app) {
    return runs.values().stream().filter(r -> r.plan.affectedApps().contains(app)).toList();
  }

  /** The app as the scheduler should run it now: held back as it was while its step has not come. */
  AppDefinition effective(PathId id, AppDefinition current) {
    for (Run run : runs.values()) {
      int last = run.lastStepOf(id);
      if (last >= 0 && run.step < last) {
        return run.plan.original().get(id);
      }
    }
    return current;
  }

  /** Apps that only a deployment's original still names (stopped in a later step). */
  Set<PathId> originalApps() {
    Set<PathId> ids = new TreeSet<>();
    runs.values().forEach(r -> ids.addAll(r.plan.original().keySet()));
    return ids;
  }

  static MarathonStore.Write write(Run run) {
    return MarathonStore.Write.put(MarathonStore.deploymentPath(run.plan.id()),
      DeploymentJson.toStored(run.plan, run.step, AppJson::writeStored));
  }

  static MarathonStore.Write delete(String id) {
    return MarathonStore.Write.delete(MarathonStore.deploymentPath(id));
  }

  /** Adds a stored or just-committed deployment. */
  Run start(DeploymentPlan plan, int step) {
    Run run = new Run(plan, step, clock.getAsLong());
    runs.put(plan.id(), run);
    events.publish("deployment_info", info(run));
    return run;
  }

  /** Drops a deployment without finishing it (cancelled, forced aside or rolled back). */
  void remove(String id) {
    runs.remove(id);
  }

  void load(Map<String, JsonObject> stored) {
    runs.clear();
    stored.values().forEach(json -> {
      DeploymentPlan plan = DeploymentJson.fromStored(json, AppJson::readStoredApp);
      runs.put(plan.id(), new Run(plan, DeploymentJson.storedCurrentStep(json), clock.getAsLong()));
    });
  }

  /**
   * Moves every deployment on as far as its apps allow; ends those that are done. Answers the apps
   * of the deployments that moved on but are not done: their next step may want action now.
   */
  Set<PathId> advance() {
    Set<PathId> moving = new TreeSet<>();
    for (Run run : List.copyOf(runs.values())) {
      if (run.closing) {
        continue;
      }
      boolean moved = false;
      while (run.step < run.plan.steps().size() && done(run, run.plan.steps().get(run.step))) {
        events.publish("deployment_step_success", info(run));
        run.step++;
        moved = true;
        if (run.step < run.plan.steps().size()) {
          events.publish("deployment_info", info(run));
        }
      }
      if (run.step >= run.plan.steps().size()) {
        runs.remove(run.plan.id());
        persist.accept(List.of(delete(run.plan.id())));
        events.publish("deployment_success", new JsonObject().put("id", run.plan.id()).put("plan", planJson(run)));
        LOG.info(() -> "deployment " + run.plan.id() + " succeeded");
      } else if (moved) {
        persist.accept(List.of(write(run)));
        moving.addAll(run.plan.affectedApps());
      } else if (deadlineMs > 0 && !run.rollback && !run.expired && clock.getAsLong() - run.startedMs > deadlineMs) {
        run.expired = true;
        events.publish("deployment_step_failure", info(run));
        events.publish("deployment_failed", new JsonObject().put("id", run.plan.id()).put("plan", planJson(run))
          .put("reason", "not done within the deployment deadline of " + deadlineMs / 1000 + " s"));
        LOG.warning("deployment " + run.plan.id() + " missed its deadline; rolling it back");
        expired.accept(run);
      }
    }
    return moving;
  }

  private boolean done(Run run, DeploymentStep step) {
    Predicate<DeploymentAction> finished = action -> switch (action.action()) {
      case START_APPLICATION -> true;
      case STOP_APPLICATION -> progress.stopped(action.app());
      case SCALE_APPLICATION, RESTART_APPLICATION -> {
        AppDefinition target = run.plan.target().get(action.app());
        yield target == null || progress.converged(target);
      }
    };
    return step.actions().stream().allMatch(finished);
  }

  JsonObject info(Run run) {
    List<JsonObject> actions = new ArrayList<>();
    if (run.step < run.plan.steps().size()) {
      run.plan.steps().get(run.step).actions().forEach(a -> actions.add(DeploymentJson.actionJson(a, run.plan)));
    }
    return new JsonObject().put("plan", planJson(run))
      .put("currentStep", new JsonObject().put("actions", new JsonArray(actions)));
  }

  /**
   * The plan as the deployment events carry it: Marathon 1.11's {@code {id, steps, version}}, plus
   * the {@code original} and {@code target} groups that Marathon sent up to 1.4, since
   * marathon-python's event reader cannot take a plan without them (its plan class reads both as
   * groups); clients that decode leniently skip them.
   */
  static JsonObject planJson(DeploymentPlan plan) {
    return new JsonObject().put("id", plan.id()).put("version", plan.version())
      .put("steps", DeploymentJson.toJson(plan, 0).getJsonArray("steps"))
      .put("original", rootGroup(plan.original()))
      .put("target", rootGroup(plan.target()));
  }

  /** The apps of a plan's side as a root group; its pods are left out (a group shows a pod's status, which a plan has not). */
  private static JsonObject rootGroup(Map<PathId, AppDefinition> apps) {
    JsonArray appsJson = new JsonArray();
    apps.values().stream().filter(a -> !a.isPod()).forEach(a -> appsJson.add(AppJson.writeApp(a)));
    return new JsonObject().put("id", "/").put("apps", appsJson).put("groups", new JsonArray())
      .put("pods", new JsonArray()).put("dependencies", new JsonArray());
  }

  private static JsonObject planJson(Run run) {
    return planJson(run.plan);
  }

}
