package io.drover.marathon.deploy;

import static io.drover.marathon.deploy.DeploymentAction.Action.RESTART_APPLICATION;
import static io.drover.marathon.deploy.DeploymentAction.Action.SCALE_APPLICATION;
import static io.drover.marathon.deploy.DeploymentAction.Action.START_APPLICATION;
import static io.drover.marathon.deploy.DeploymentAction.Action.STOP_APPLICATION;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a change of the running apps into Marathon's deployment steps:
 * <ol>
 *   <li>stop removed apps, dependants before the apps they depend on;</li>
 *   <li>start new apps, all in one step, with no instances yet;</li>
 *   <li>scale new and resized apps and restart reconfigured ones, an app after the apps it depends on.</li>
 * </ol>
 * Actions within a step are sorted by app id, and steps without actions are left out.
 */
public final class DeploymentPlanner {

  private DeploymentPlanner() {
  }

  /**
   * The plan that takes the apps from {@code original} to {@code target} (every app before and after,
   * by id). Unchanged apps are not part of it. Throws IllegalArgumentException naming the cycle when
   * the target apps depend on each other in a cycle.
   */
  public static DeploymentPlan plan(Map<PathId, AppDefinition> original, Map<PathId, AppDefinition> target,
                                    String id, String version) {
    SortedMap<PathId, AppChange> changes = changes(original, target);
    // ordering the target first makes a new cycle fail before anything else is looked at
    List<List<PathId>> deployLevels = DependencyOrder.levels(target, appsWhere(changes, Set.of(
      AppChange.START, AppChange.SCALE, AppChange.RESTART)));
    List<List<PathId>> stopLevels = new ArrayList<>(
      DependencyOrder.levels(original, appsWhere(changes, Set.of(AppChange.STOP))));
    Collections.reverse(stopLevels);

    List<DeploymentStep> steps = new ArrayList<>();
    stopLevels.forEach(level -> steps.add(DeploymentStep.of(STOP_APPLICATION, level)));
    steps.add(DeploymentStep.of(START_APPLICATION, List.copyOf(appsWhere(changes, Set.of(AppChange.START)))));
    for (List<PathId> level : deployLevels) {
      steps.add(new DeploymentStep(level.stream()
        .map(app -> new DeploymentAction(changes.get(app) == AppChange.RESTART ? RESTART_APPLICATION
          : SCALE_APPLICATION, app))
        .toList()));
    }
    steps.removeIf(DeploymentStep::isEmpty);

    return new DeploymentPlan(id, version, only(original, changes.keySet()), only(target, changes.keySet()), steps);
  }

  /**
   * The plan that undoes {@code plan} from the apps as they are now (Marathon's
   * {@code DELETE /v2/deployments/{id}}): the plan from {@code current} to {@link #revertedApps}.
   */
  public static DeploymentPlan rollback(DeploymentPlan plan, Map<PathId, AppDefinition> current, String id,
                                        String version) {
    return plan(current, revertedApps(plan, current), id, version);
  }

  /**
   * {@code current} with the apps {@code plan} affects put back as they were before it: an app it
   * started is gone, an app it stopped or changed has its original definition, version included.
   */
  public static Map<PathId, AppDefinition> revertedApps(DeploymentPlan plan, Map<PathId, AppDefinition> current) {
    Map<PathId, AppDefinition> reverted = new HashMap<>(current);
    for (PathId app : plan.affectedApps()) {
      AppDefinition before = plan.original().get(app);
      if (before == null) {
        reverted.remove(app);
      } else {
        reverted.put(app, before);
      }
    }
    return reverted;
  }

  private static SortedMap<PathId, AppChange> changes(Map<PathId, AppDefinition> original,
                                                      Map<PathId, AppDefinition> target) {
    SortedMap<PathId, AppChange> changes = new TreeMap<>();
    Set<PathId> apps = new TreeSet<>(original.keySet());
    apps.addAll(target.keySet());
    for (PathId app : apps) {
      AppChange.between(original.get(app), target.get(app)).ifPresent(change -> changes.put(app, change));
    }
    return changes;
  }

  private static Set<PathId> appsWhere(SortedMap<PathId, AppChange> changes, Set<AppChange> kinds) {
    Set<PathId> apps = new TreeSet<>();
    changes.forEach((app, change) -> {
      if (kinds.contains(change)) {
        apps.add(app);
      }
    });
    return apps;
  }

  private static Map<PathId, AppDefinition> only(Map<PathId, AppDefinition> apps, Set<PathId> ids) {
    Map<PathId, AppDefinition> kept = new TreeMap<>();
    ids.stream().filter(apps::containsKey).forEach(id -> kept.put(id, apps.get(id)));
    return kept;
  }
}
