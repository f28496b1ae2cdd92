package io.drover.marathon.app;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Reads a group body of {@code POST/PUT /v2/groups}: apps and subgroups, with ids relative to the group. */
final class GroupReader {

  private static final Set<String> FIELDS = Set.of("id", "apps", "groups", "dependencies", "pods", "enforceRole",
    "scaleBy");
  private static final Set<String> READ_ONLY_FIELDS = Set.of("version");

  private GroupReader() {
  }

  /**
   * The group, or null after recording violations. Its id resolves against {@code base} and is
   * {@code base} itself when absent (a PUT to the group's own URL).
   */
  static GroupDefinition read(JsonFields group, PathId base, boolean nested) {
    Violations violations = group.violations();
    int before = violations.count();
    group.rejectUnknown(FIELDS, READ_ONLY_FIELDS);
    if (group.has("scaleBy")) {
      // a scale is a request of its own (PUT {"scaleBy": n}), never part of a change of the group
      violations.add(group.pathOf("scaleBy"), "scaleBy must be the only field of a group update besides id");
    }
    var pods = group.array("pods");
    if (pods != null && !pods.isEmpty()) {
      violations.unsupported(group.pathOf("pods"), "/pods");
    }
    PathId id = readId(group, base, nested);
    PathId groupId = id == null ? base : id;
    Boolean enforceRole = group.has("enforceRole") ? group.bool("enforceRole", false) : null;
    if (Boolean.TRUE.equals(enforceRole) && (groupId.isRoot() || !groupId.parent().isRoot())) {
      // Marathon: a group's role is its top-level group's name, so only those may enforce it
      violations.add(group.pathOf("enforceRole"), "enforceRole can only be set for top-level groups, and "
        + groupId + " is not one");
    }
    List<AppDefinition> apps = group.objects("apps", app -> AppReader.read(app, groupId));
    List<GroupDefinition> groups = group.objects("groups", sub -> read(sub, groupId, true));
    if (id != null) {
      checkChildren(group.pathOf("apps"), apps, AppDefinition::id, id, violations);
      checkChildren(group.pathOf("groups"), groups, GroupDefinition::id, id, violations);
    }
    List<PathId> dependencies = group.list("dependencies", (item, path) -> {
      String text = JsonFields.asString(item, path, violations);
      return text == null ? null : PathIdReader.read(text, groupId.parent(), path, violations);
    });
    if (violations.count() > before) {
      return null;
    }
    return new GroupDefinition(id, orEmpty(apps), orEmpty(groups), orEmpty(dependencies), enforceRole);
  }

  private static PathId readId(JsonFields group, PathId base, boolean nested) {
    if (!group.has("id")) {
      if (nested) {
        group.violations().add(group.pathOf("id"), "is required");
        return null;
      }
      return base;
    }
    String text = group.string("id");
    return text == null ? null : PathIdReader.read(text, base, group.pathOf("id"), group.violations());
  }

  /** Marathon: every app and subgroup is a direct child of the group and ids are unique. */
  private static <T> void checkChildren(String path, List<T> children, Function<T, PathId> idOf,
                                        PathId parent, Violations violations) {
    if (children == null) {
      return;
    }
    Set<PathId> seen = new HashSet<>();
    for (T child : children) {
      PathId childId = idOf.apply(child);
      if (!childId.parent().equals(parent) || childId.isRoot()) {
        violations.add(path, "identifier " + childId + " is not child of " + parent + ". Hint: use relative paths.");
      } else if (!seen.add(childId)) {
        violations.add(path, "identifier " + childId + " is used more than once");
      }
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
