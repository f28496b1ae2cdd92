package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A framework's description, sent when it subscribes. Mesos's FrameworkInfo, trimmed. */
@DataObject
public class FrameworkInfo {

  /**
   * What Drover's own frameworks keep their tasks for when they go quiet: a week. Mesos defaults to 0
   * (tasks die with the scheduler), which a framework over the v1 API gets when it asks for it.
   */
  public static final double DEFAULT_FAILOVER_TIMEOUT_SECONDS = 7 * 24 * 3600;

  private final String id;
  private final String name;
  private final String user;
  private final String hostname;
  private final String webuiUrl;
  private final double failoverTimeoutSeconds;

  public FrameworkInfo(String id, String name, String user, String hostname, String webuiUrl,
                       double failoverTimeoutSeconds) {
    this.id = id;
    this.name = name;
    this.user = user;
    this.hostname = hostname;
    this.webuiUrl = webuiUrl;
    this.failoverTimeoutSeconds = failoverTimeoutSeconds >= 0 && Double.isFinite(failoverTimeoutSeconds)
      ? failoverTimeoutSeconds : DEFAULT_FAILOVER_TIMEOUT_SECONDS;
  }

  public FrameworkInfo(JsonObject json) {
    this(json.getString("id"), json.getString("name"), json.getString("user"), json.getString("hostname"),
      json.getString("webui_url"), json.getDouble("failover_timeout", DEFAULT_FAILOVER_TIMEOUT_SECONDS));
  }

  public static FrameworkInfo named(String name) {
    return new FrameworkInfo(null, name, null, null, null, DEFAULT_FAILOVER_TIMEOUT_SECONDS);
  }

  public FrameworkInfo withId(String newId) {
    return new FrameworkInfo(newId, name, user, hostname, webuiUrl, failoverTimeoutSeconds);
  }

  public FrameworkInfo withFailoverTimeout(double seconds) {
    return new FrameworkInfo(id, name, user, hostname, webuiUrl, seconds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("user", user).put("hostname", hostname)
      .put("webui_url", webuiUrl).put("failover_timeout", failoverTimeoutSeconds);
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getUser() {
    return user;
  }

  public String getHostname() {
    return hostname;
  }

  public String getWebuiUrl() {
    return webuiUrl;
  }

  public double getFailoverTimeoutSeconds() {
    return failoverTimeoutSeconds;
  }
}
