package io.drover.marathon.app;

import java.util.List;

/**
 * A group as posted to {@code /v2/groups}: apps and subgroups under one path, with dependencies.
 *
 * @param enforceRole whether a top-level group's apps must have its role; null when the body does not say
 */
public record GroupDefinition(PathId id, List<AppDefinition> apps, List<GroupDefinition> groups,
                              List<PathId> dependencies, Boolean enforceRole) {

  public GroupDefinition {
    apps = List.copyOf(apps);
    groups = List.copyOf(groups);
    dependencies = List.copyOf(dependencies);
  }
}
