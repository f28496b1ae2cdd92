package io.drover.marathon.deploy;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A change of the running apps, as Marathon's {@code /v2/deployments} shows it: the steps to run one
 * after the other and the affected apps before and after.
 *
 * @param id       the deployment's UUID
 * @param version  the ISO-8601 instant the deployment was created
 * @param original the affected apps as they were; an app the deployment starts is absent
 * @param target   the affected apps as they will be; an app the deployment stops is absent
 */
public record DeploymentPlan(
  String id,
  String version,
  Map<PathId, AppDefinition> original,
  Map<PathId, AppDefinition> target,
  List<DeploymentStep> steps) {

  public DeploymentPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    // sorted so that the JSON and the stored form list the apps in a stable order
    original = Collections.unmodifiableMap(new TreeMap<>(original));
    target = Collections.unmodifiableMap(new TreeMap<>(target));
    steps = List.copyOf(steps);
  }

  /** The apps some step acts on, in id order. */
  public SortedSet<PathId> affectedApps() {
    SortedSet<PathId> apps = new TreeSet<>();
    steps.forEach(step -> step.actions().forEach(action -> apps.add(action.app())));
    return Collections.unmodifiableSortedSet(apps);
  }

  /** True when the plan changes nothing. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** True when both plans act on a common app: Marathon lets only one deployment change an app. */
  public boolean conflictsWith(DeploymentPlan other) {
    return !Collections.disjoint(affectedApps(), other.affectedApps());
  }
}
