package io.drover.marathon.core;

import io.drover.marathon.app.PathId;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The roles an app may have, as Marathon 1.9+ decides them: an app in the root group has Marathon's
 * own role ({@code --mesos-role}); an app in a top-level group {@code /dev} may also have the group's
 * role {@code dev}, and must when the group enforces its role ({@code enforceRole}), which is then
 * the default. An app keeps the role it has even when it would not be given it now. Pure.
 *
 * @param valid the roles the app may name
 * @param defaultRole the role of an app that names none
 */
record ServiceRoles(Set<String> valid, String defaultRole) {

  /**
   * @param enforcesRole whether a top-level group enforces its role
   * @param existing the role of the app's current definition, or null for a new app
   */
  static ServiceRoles of(PathId app, String mesosRole, Predicate<PathId> enforcesRole, String existing) {
    Set<String> valid = new TreeSet<>();
    if (app.parent().isRoot()) {
      valid.add(mesosRole);
      return new ServiceRoles(valid, mesosRole);
    }
    PathId topLevelGroup = new PathId(app.segments().subList(0, 1));
    boolean groupEnforces = enforcesRole.test(topLevelGroup);
    String groupRole = topLevelGroup.segments().get(0);
    valid.add(groupRole);
    if (!groupEnforces) {
      valid.add(mesosRole);
    }
    if (existing != null) {
      valid.add(existing);
    }
    return new ServiceRoles(valid, groupEnforces ? groupRole : mesosRole);
  }

  /** The role the app gets for {@code asked} (null: none named), or why it cannot have it. */
  Resolved resolve(String asked) {
    if (asked == null) {
      return new Resolved(defaultRole, null);
    }
    return valid.contains(asked) ? new Resolved(asked, null)
      : new Resolved(null, "got role '" + asked + "', expected one of " + valid);
  }

  /** A role, or the problem with the one asked for. */
  record Resolved(String role, String problem) {
  }
}
