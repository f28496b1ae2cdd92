package io.drover.marathon.app;

import java.util.List;

/** A group as posted to {@code /v2/groups}: apps and subgroups under one path, with dependencies. */
public record GroupDefinition(PathId id, List<AppDefinition> apps, List<GroupDefinition> groups,
                              List<PathId> dependencies) {

  public GroupDefinition {
    apps = List.copyOf(apps);
    groups = List.copyOf(groups);
    dependencies = List.copyOf(dependencies);
  }
}
