package io.drover.common;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this jar is: Drover's version and the commit it was built from, as Maven wrote them into
 * {@code build.properties}. A build outside a git checkout has no commit: {@code unknown}.
 *
 * @param version the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit  the abbreviated commit id, {@code -dirty} appended when the tree had changes
 * @param time    when the jar was built (ISO-8601), or {@code unknown}
 */
public record BuildInfo(String version, String commit, String time) {

  public static final BuildInfo CURRENT = load();

  /** {@code drover 0.1.0 (commit 1a2b3c4, built 2026-12-06T17:00:00+0000)}. */
  public String line() {
    return "drover " + version + " (commit " + commit + ", built " + time + ")";
  }

  public JsonObject toJson() {
    return new JsonObject().put("version", version).put("commit", commit).put("build_time", time);
  }

  private static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // a jar without the file is one built by hand: its version is unknown too
    }
    String commit = value(properties, "commit");
    if (!commit.equals("unknown") && "true".equals(properties.getProperty("dirty"))) {
      commit += "-dirty";
    }
    return new BuildInfo(value(properties, "version"), commit, value(properties, "time"));
  }

  /** A property, or {@code unknown} when Maven could not fill it in (no git, no filtering). */
  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key, "");
    return value.isBlank() || value.contains("${") ? "unknown" : value;
  }
}
