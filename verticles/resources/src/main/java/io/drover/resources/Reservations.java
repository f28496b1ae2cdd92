package io.drover.resources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Resources reserved for roles, by role: only frameworks of a role are offered what is reserved for
 * it (Mesos's reservations, each of one role). Immutable; empty reservations are left out.
 */
public final class Reservations {

  public static final Reservations NONE = new Reservations(new TreeMap<>());

  private final TreeMap<String, Resources> byRole;

  private Reservations(TreeMap<String, Resources> byRole) {
    this.byRole = byRole;
  }

  public static Reservations of(Map<String, Resources> byRole) {
    TreeMap<String, Resources> copy = new TreeMap<>();
    byRole.forEach((role, resources) -> {
      if (!resources.isEmpty()) {
        copy.put(Objects.requireNonNull(role, "role"), resources);
      }
    });
    return copy.isEmpty() ? NONE : new Reservations(copy);
  }

  /** What is reserved for {@code role}; empty when nothing is. */
  public Resources of(String role) {
    return byRole.getOrDefault(role, Resources.EMPTY);
  }

  /** Every role's reservation together. */
  public Resources total() {
    return byRole.values().stream().reduce(Resources.EMPTY, Resources::plus);
  }

  public Reservations plus(String role, Resources resources) {
    TreeMap<String, Resources> sum = new TreeMap<>(byRole);
    sum.merge(role, resources, Resources::plus);
    return of(sum);
  }

  public Reservations plus(Reservations other) {
    TreeMap<String, Resources> sum = new TreeMap<>(byRole);
    other.byRole.forEach((role, resources) -> sum.merge(role, resources, Resources::plus));
    return of(sum);
  }

  /**
   * The reservations less {@code resources} of {@code role}'s.
   *
   * @throws IllegalArgumentException when {@code role} has not that much reserved
   */
  public Reservations minus(String role, Resources resources) {
    TreeMap<String, Resources> rest = new TreeMap<>(byRole);
    rest.put(role, of(role).minus(resources));
    return of(rest);
  }

  public Map<String, Resources> byRole() {
    return Collections.unmodifiableMap(byRole);
  }

  public boolean isEmpty() {
    return byRole.isEmpty();
  }

  /**
   * An agent's {@code --resources} flag as Mesos writes it, where a resource reserved for a role
   * names it in parentheses: {@code cpus(db):2;mem(db):4096;cpus:2;mem:4096} is 2 cpus and 4096 MB
   * for anyone and as much again for role {@code db}. A role of {@code *} is no reservation.
   *
   * @return the resources for anyone, and the reservations
   * @throws ResourceSyntaxException naming what does not parse, or a role that is not a role name
   */
  public static Split parseAgentFlag(String text) {
    TreeMap<String, List<String>> byRole = new TreeMap<>();
    for (String entry : text.split(";")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      int open = trimmed.indexOf('(');
      String role = Roles.DEFAULT;
      if (open >= 0 && (colon < 0 || open < colon)) {
        int close = trimmed.indexOf(')', open);
        if (close < 0 || colon >= 0 && close > colon) {
          throw new ResourceSyntaxException("'" + trimmed + "' has no closing ')' before its ':'");
        }
        role = trimmed.substring(open + 1, close).trim();
        String problem = Roles.problem(role);
        if (problem != null) {
          throw new ResourceSyntaxException("'" + trimmed + "': " + problem);
        }
        trimmed = trimmed.substring(0, open) + trimmed.substring(close + 1);
      }
      byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(trimmed);
    }
    Resources unreserved = Resources.EMPTY;
    TreeMap<String, Resources> reserved = new TreeMap<>();
    for (Map.Entry<String, List<String>> role : byRole.entrySet()) {
      Resources resources = Resources.parse(String.join(";", role.getValue()));
      if (role.getKey().equals(Roles.DEFAULT)) {
        unreserved = resources;
      } else {
        reserved.put(role.getKey(), resources);
      }
    }
    return new Split(unreserved, of(reserved));
  }

  /** An agent's resources for anyone, and those reserved. */
  public record Split(Resources unreserved, Reservations reserved) {
    /** Everything the agent has. */
    public Resources total() {
      return unreserved.plus(reserved.total());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reservations other && byRole.equals(other.byRole);
  }

  @Override
  public int hashCode() {
    return byRole.hashCode();
  }

  /** As Mesos's flag writes them: {@code cpus(db):2;mem(db):4096}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    byRole.forEach((role, resources) -> {
      for (String part : resources.toString().split(";")) {
        int colon = part.indexOf(':');
        parts.add(part.substring(0, colon) + "(" + role + ")" + part.substring(colon));
      }
    });
    return String.join(";", parts);
  }
}
