package io.drover.marathon.deploy;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sorts some apps into levels such that every app comes after the apps it depends on, directly or
 * through apps that are not sorted. Apps no dependency orders share a level.
 */
final class DependencyOrder {

  private final Map<PathId, List<PathId>> dependencies;
  private final Set<PathId> members;
  private final Map<PathId, Integer> membersBelow = new HashMap<>();
  private final LinkedHashSet<PathId> path = new LinkedHashSet<>();

  private DependencyOrder(Map<PathId, List<PathId>> dependencies, Set<PathId> members) {
    this.dependencies = dependencies;
    this.members = members;
  }

  /**
   * The {@code members} of {@code apps} in levels, each sorted by id: level 0 depends on no other
   * member, level k on some member of level k-1. Dependencies on ids that are not in {@code apps} are
   * ignored. Throws IllegalArgumentException naming the first cycle met on the way.
   */
  static List<List<PathId>> levels(Map<PathId, AppDefinition> apps, Set<PathId> members) {
    Map<PathId, List<PathId>> dependencies = new HashMap<>();
    apps.forEach((id, app) -> dependencies.put(id, app.dependencies()));
    DependencyOrder order = new DependencyOrder(dependencies, members);
    SortedMap<Integer, List<PathId>> byLevel = new TreeMap<>();
    for (PathId member : new TreeSet<>(members)) {
      byLevel.computeIfAbsent(order.membersBelow(member), level -> new ArrayList<>()).add(member);
    }
    return List.copyOf(byLevel.values());
  }

  /** The most members on any dependency path below {@code app}, which is its level. */
  private int membersBelow(PathId app) {
    Integer known = membersBelow.get(app);
    if (known != null) {
      return known;
    }
    if (!path.add(app)) {
      throw new IllegalArgumentException("dependency cycle: " + cycleThrough(app));
    }
    int most = 0;
    for (PathId dependency : new TreeSet<>(dependencies.getOrDefault(app, List.of()))) {
      if (dependencies.containsKey(dependency)) {
        most = Math.max(most, membersBelow(dependency) + (members.contains(dependency) ? 1 : 0));
      }
    }
    path.remove(app);
    membersBelow.put(app, most);
    return most;
  }

  private String cycleThrough(PathId app) {
    List<PathId> walked = new ArrayList<>(path);
    List<PathId> cycle = new ArrayList<>(walked.subList(walked.indexOf(app), walked.size()));
    cycle.add(app);
    return cycle.stream().map(PathId::toString).collect(Collectors.joining(" -> "));
  }
}
