package io.drover.marathon.core;

import io.drover.common.ZkPaths;
import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.marathon.store.MarathonStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The apps as the API shows them (each app's latest definition, the target of any deployment), the
 * versions kept per app, and the groups that exist apart from their apps.
 */
final class AppBook {

  /** Versions kept per app, as Marathon's {@code --max_versions}. */
  static final int MAX_VERSIONS = 25;
  /**
   * Old versions go once an app's znode would pass this: ZooKeeper's 1 MiB limit holds for a whole
   * transaction, which also carries the deployment with the app's old and new definitions.
   */
  private static final int MAX_ZNODE_BYTES = 300_000;

  private final Map<PathId, AppDefinition> apps = new TreeMap<>();
  private final Map<PathId, List<AppDefinition>> versions = new TreeMap<>();
  private final Set<PathId> groups = new TreeSet<>();
  private final Map<PathId, List<PathId>> groupDependencies = new TreeMap<>();
  /** Top-level groups whose apps must have the group's role ({@code enforceRole}). */
  private final Set<PathId> enforcing = new TreeSet<>();

  Optional<AppDefinition> get(PathId id) {
    return Optional.ofNullable(apps.get(id));
  }

  Collection<AppDefinition> all() {
    return apps.values();
  }

  Map<PathId, AppDefinition> snapshot() {
    return Map.copyOf(apps);
  }

  /** Oldest first. */
  List<AppDefinition> versions(PathId id) {
    return versions.getOrDefault(id, List.of());
  }

  Set<PathId> explicitGroups() {
    return groups;
  }

  List<PathId> groupDependencies(PathId group) {
    return groupDependencies.getOrDefault(group, List.of());
  }

  /** Whether a top-level group enforces its role on its apps. */
  boolean enforcesRole(PathId group) {
    return enforcing.contains(group);
  }

  /** A group exists when it was created or holds an app. */
  boolean groupExists(PathId group) {
    return group.isRoot() || groups.stream().anyMatch(group::includes)
      || apps.keySet().stream().anyMatch(a -> group.includes(a) && !group.equals(a));
  }

  void put(AppDefinition app) {
    apps.put(app.id(), app);
    List<AppDefinition> list = new ArrayList<>(versions.getOrDefault(app.id(), List.of()));
    // a rollback brings an older version back: it moves to the end rather than appearing twice
    list.removeIf(v -> v.version().equals(app.version()));
    list.add(app);
    while (list.size() > MAX_VERSIONS) {
      list.remove(0);
    }
    versions.put(app.id(), list);
  }

  void remove(PathId id) {
    apps.remove(id);
    versions.remove(id);
  }

  void putGroup(PathId group, List<PathId> dependencies) {
    groups.add(group);
    groupDependencies.put(group, List.copyOf(dependencies));
  }

  // ---- persistence: one znode per app, one for the groups ----

  /** The write that stores {@code app} as its id's next definition, or deletes {@code id} when null. */
  MarathonStore.Write appWrite(PathId id, AppDefinition app) {
    if (app == null) {
      return MarathonStore.Write.delete(MarathonStore.appPath(id.safeName()));
    }
    List<AppDefinition> kept = new ArrayList<>(versions(id));
    kept.removeIf(v -> v.version().equals(app.version()));
    kept.add(app);
    while (kept.size() > MAX_VERSIONS) {
      kept.remove(0);
    }
    // the current definition is the last version; the oldest go while the znode would be too large
    List<JsonObject> written = new ArrayList<>(kept.stream().map(AppJson::writeStored).toList());
    List<Integer> sizes = new ArrayList<>(written.stream().map(json -> json.encode().length() + 1).toList());
    int total = sizes.stream().mapToInt(Integer::intValue).sum();
    while (written.size() > 1 && total >= MAX_ZNODE_BYTES) {
      total -= sizes.remove(0);
      written.remove(0);
    }
    JsonObject json = new JsonObject().put("versions", new JsonArray(new ArrayList<Object>(written)));
    return MarathonStore.Write.put(MarathonStore.appPath(id.safeName()), json);
  }

  /**
   * Groups to add (with their dependencies), top-level groups whose {@code enforceRole} is set, and
   * a group to remove with everything under it.
   */
  record GroupChange(Map<PathId, List<PathId>> added, Map<PathId, Boolean> enforceRole, PathId removed) {
    static final GroupChange NONE = new GroupChange(Map.of(), Map.of(), null);
  }

  void apply(GroupChange change) {
    if (change.removed() != null) {
      groups.removeIf(change.removed()::includes);
      groupDependencies.keySet().removeIf(change.removed()::includes);
      enforcing.removeIf(change.removed()::includes);
    }
    change.added().forEach(this::putGroup);
    change.enforceRole().forEach((group, enforce) -> {
      if (enforce) {
        enforcing.add(group);
      } else {
        enforcing.remove(group);
      }
    });
  }

  /** The groups znode as it will be after {@code change}; nothing changes until {@link #apply}. */
  MarathonStore.Write groupsWrite(GroupChange change) {
    AppBook after = new AppBook();
    groups.forEach(g -> after.putGroup(g, groupDependencies(g)));
    after.enforcing.addAll(enforcing);
    after.apply(change);
    JsonArray list = new JsonArray();
    after.groups.forEach(g -> {
      JsonObject entry = new JsonObject().put("id", g.toString())
        .put("dependencies", new JsonArray(after.groupDependencies(g).stream().map(PathId::toString).toList()));
      list.add(after.enforcing.contains(g) ? entry.put("enforceRole", true) : entry);
    });
    return MarathonStore.Write.put(ZkPaths.MARATHON_GROUPS, new JsonObject().put("groups", list));
  }

  void load(Map<String, JsonObject> storedApps, Optional<JsonObject> storedGroups) {
    apps.clear();
    versions.clear();
    groups.clear();
    groupDependencies.clear();
    enforcing.clear();
    storedApps.values().forEach(json -> {
      List<AppDefinition> list = new ArrayList<>();
      json.getJsonArray("versions", new JsonArray())
        .forEach(v -> list.add(AppJson.readStoredApp((JsonObject) v)));
      if (list.isEmpty()) {
        return;
      }
      AppDefinition current = list.get(list.size() - 1);
      apps.put(current.id(), current);
      versions.put(current.id(), list);
    });
    storedGroups.ifPresent(json -> json.getJsonArray("groups", new JsonArray()).forEach(g -> {
      JsonObject group = (JsonObject) g;
      List<PathId> deps = new ArrayList<>();
      group.getJsonArray("dependencies", new JsonArray()).forEach(d -> deps.add(PathId.parse((String) d)));
      PathId id = PathId.parse(group.getString("id"));
      putGroup(id, deps);
      if (group.getBoolean("enforceRole", false)) {
        enforcing.add(id);
      }
    }));
  }
}
