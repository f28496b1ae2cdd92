package io.drover.protocol;

import java.util.regex.Pattern;

/**
 * What a secret's name may be (Mesos's Secret.Reference name, Marathon's secrets' source): a path
 * inside an agent's secrets directory, of letters, digits, '.', '_' and '-', never climbing out of
 * it; a leading '/' (Marathon's {@code "source": "/db/password"}) is that directory. Marathon refuses
 * other names when the app is written; the agent again when it reads.
 */
public final class SecretName {

  public static final String RULE = "a path of letters, digits, '.', '_' and '-' without '..'";
  private static final Pattern NAME = Pattern.compile("/?[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private SecretName() {
  }

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("..");
  }

  /** A valid name as a path relative to the secrets directory. */
  public static String relative(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }
}
