package io.drover.protocol;

/**
 * The rules every id (framework, agent, task) must follow, as in Mesos: ids become directory names
 * and keys, so no slash, no {@code .} or {@code ..}, no spaces or control characters.
 */
public final class Ids {

  public static final int MAX_LENGTH = 255;

  private Ids() {
  }

  /** What is wrong with {@code id}, or null when it is a valid id. */
  public static String problem(String kind, String id) {
    if (id == null || id.isEmpty()) {
      return kind + " is missing";
    }
    if (id.length() > MAX_LENGTH) {
      return kind + " is longer than " + MAX_LENGTH + " characters";
    }
    if (id.equals(".") || id.equals("..")) {
      return kind + " '" + id + "' is not allowed";
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return kind + " '" + id + "' contains a slash, space or control character";
      }
    }
    return null;
  }
}
