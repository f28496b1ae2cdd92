package io.drover.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * Role names as Mesos writes them: {@code *} (every framework's default), or a path of one or more
 * names separated by {@code /} ({@code eng/web} is a child of {@code eng}), each name neither
 * {@code .}, {@code ..} nor {@code *}, not starting with {@code -}, without whitespace or DEL.
 */
public final class Roles {

  /** The default role: what a framework that names none is in. */
  public static final String DEFAULT = "*";

  /** Mesos's default weight of a role that has none set. */
  public static final double DEFAULT_WEIGHT = 1.0;

  private static final String INVALID_CHARACTERS = "\t\n\u000b\f\r \u007f";

  private Roles() {
  }

  /** Why {@code role} is not a role name (in Mesos's words where it has them), or null when it is one. */
  public static String problem(String role) {
    if (role == null || role.isEmpty()) {
      return "Empty role name is invalid";
    }
    if (role.equals(DEFAULT)) {
      return null;
    }
    if (role.startsWith("/") || role.endsWith("/") || role.contains("//")) {
      return "Role '" + role + "' cannot start or end with '/' nor contain '//'";
    }
    for (String name : role.split("/")) {
      if (name.equals(".") || name.equals("..") || name.equals(DEFAULT)) {
        return "Role '" + role + "' cannot have '" + name + "' as a path element";
      }
      if (name.startsWith("-")) {
        return "Role '" + role + "' has a path element '" + name + "' starting with '-'";
      }
      for (char c : name.toCharArray()) {
        if (INVALID_CHARACTERS.indexOf(c) >= 0 || c < 0x20) {
          return "Role '" + role + "' cannot contain whitespace or control characters";
        }
      }
    }
    return null;
  }

  /** Whether {@code role} is {@code ancestor} or lies below it ({@code eng/web} within {@code eng}). */
  public static boolean within(String role, String ancestor) {
    return role.equals(ancestor) || role.startsWith(ancestor + "/");
  }

  /** The roles {@code role} descends from, nearest last: {@code a/b/c} gives {@code a}, {@code a/b}. */
  public static List<String> ancestors(String role) {
    List<String> ancestors = new ArrayList<>();
    for (int slash = role.indexOf('/'); slash >= 0; slash = role.indexOf('/', slash + 1)) {
      ancestors.add(role.substring(0, slash));
    }
    return ancestors;
  }
}
