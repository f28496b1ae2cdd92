package io.drover.protocol;

import io.drover.resources.Roles;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
  private final List<String> roles;

  public FrameworkInfo(String id, String name, String user, String hostname, String webuiUrl,
                       double failoverTimeoutSeconds) {
    this(id, name, user, hostname, webuiUrl, failoverTimeoutSeconds, List.of(Roles.DEFAULT));
  }

  /** @param roles the roles it is offered resources for (Mesos's MULTI_ROLE); none means the default role */
  public FrameworkInfo(String id, String name, String user, String hostname, String webuiUrl,
                       double failoverTimeoutSeconds, List<String> roles) {
    this.id = id;
    this.name = name;
    this.user = user;
    this.hostname = hostname;
    this.webuiUrl = webuiUrl;
    this.failoverTimeoutSeconds = failoverTimeoutSeconds >= 0 && Double.isFinite(failoverTimeoutSeconds)
      ? failoverTimeoutSeconds : DEFAULT_FAILOVER_TIMEOUT_SECONDS;
    this.roles = roles == null || roles.isEmpty() ? List.of(Roles.DEFAULT) : List.copyOf(roles);
  }

  public FrameworkInfo(JsonObject json) {
    this(json.getString("id"), json.getString("name"), json.getString("user"), json.getString("hostname"),
      json.getString("webui_url"), json.getDouble("failover_timeout", DEFAULT_FAILOVER_TIMEOUT_SECONDS),
      Json.strings(json.getJsonArray("roles")));
  }

  public static FrameworkInfo named(String name) {
    return new FrameworkInfo(null, name, null, null, null, DEFAULT_FAILOVER_TIMEOUT_SECONDS);
  }

  public FrameworkInfo withId(String newId) {
    return new FrameworkInfo(newId, name, user, hostname, webuiUrl, failoverTimeoutSeconds, roles);
  }

  public FrameworkInfo withFailoverTimeout(double seconds) {
    return new FrameworkInfo(id, name, user, hostname, webuiUrl, seconds, roles);
  }

  public FrameworkInfo withRoles(List<String> newRoles) {
    return new FrameworkInfo(id, name, user, hostname, webuiUrl, failoverTimeoutSeconds, newRoles);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("user", user).put("hostname", hostname)
      .put("webui_url", webuiUrl).put("failover_timeout", failoverTimeoutSeconds).put("roles", new JsonArray(roles));
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

  /** What is wrong with its roles (Mesos's checks: each a role name, none twice), or null. */
  public String rolesProblem() {
    Set<String> seen = new HashSet<>();
    for (String role : roles) {
      String problem = Roles.problem(role);
      if (problem != null) {
        return problem;
      }
      if (!seen.add(role)) {
        return "'FrameworkInfo.roles' contains duplicate items: '" + role + "'";
      }
    }
    return null;
  }

  /** Its roles, at least one. */
  public List<String> roles() {
    return roles;
  }
}
