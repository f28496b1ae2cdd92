package io.drover.marathon;

import io.drover.resources.Roles;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * A marathon node's configuration, read from its verticle config.
 *
 * @param nodeId                  this node's id in the scheduler's leader election
 * @param host                    address to bind and advertise
 * @param port                    HTTP port of the {@code /v2} API; 0 picks a free one
 * @param workDir                 where the chosen port is written
 * @param frameworkName           the name the scheduler registers with the master
 * @param reconcileIntervalMs     how often the leader reconciles all its tasks with the master
 * @param convergeIntervalMs      how often the leader compares apps with their tasks (also on events)
 * @param deploymentDeadlineMs    a deployment not done by then fails and rolls back; 0 = no deadline
 * @param eventBacklog            events kept for SSE clients that reconnect with Last-Event-ID
 * @param maxBodyBytes            larger request bodies get 413
 * @param eventSubscriberAllow    the callback URL prefixes {@code /v2/eventSubscriptions} may take,
 *                                comma-separated; empty: no callbacks
 * @param mesosRole               Marathon's {@code --mesos_role}: the role it subscribes with beside
 *                                {@code *}, and the role of apps that name none
 */
public record MarathonSettings(String nodeId, String host, int port, String workDir, String frameworkName,
                               long reconcileIntervalMs, long convergeIntervalMs, long deploymentDeadlineMs,
                               int eventBacklog, long maxBodyBytes, String eventSubscriberAllow, String mesosRole) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_WORK_DIR = "/tmp/drover";
  public static final String DEFAULT_FRAMEWORK_NAME = "marathon";
  /** Marathon reconciles every 10 minutes; the master's task state is cheap to ask here. */
  public static final long DEFAULT_RECONCILE_INTERVAL_MS = 60_000;
  public static final long DEFAULT_CONVERGE_INTERVAL_MS = 1_000;
  public static final long DEFAULT_DEPLOYMENT_DEADLINE_MS = 0;
  public static final int DEFAULT_EVENT_BACKLOG = 2_000;
  /** Marathon's request size limit. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public static MarathonSettings from(JsonObject config) {
    return new MarathonSettings(
      config.getString("nodeId", UUID.randomUUID().toString()),
      config.getString("host", DEFAULT_HOST),
      config.getInteger("port", DEFAULT_PORT),
      config.getString("workDir", DEFAULT_WORK_DIR),
      config.getString("frameworkName", DEFAULT_FRAMEWORK_NAME),
      config.getLong("reconcileIntervalMs", DEFAULT_RECONCILE_INTERVAL_MS),
      config.getLong("convergeIntervalMs", DEFAULT_CONVERGE_INTERVAL_MS),
      config.getLong("deploymentDeadlineMs", DEFAULT_DEPLOYMENT_DEADLINE_MS),
      config.getInteger("eventBacklog", DEFAULT_EVENT_BACKLOG),
      config.getLong("maxBodyBytes", DEFAULT_MAX_BODY_BYTES),
      config.getString("eventSubscriberAllow", ""),
      config.getString("mesosRole", Roles.DEFAULT));
  }

  /** The roles the scheduler subscribes with: {@code *}, and its {@code --mesos-role} if another. */
  public List<String> frameworkRoles() {
    return mesosRole.equals(Roles.DEFAULT) ? List.of(Roles.DEFAULT) : List.of(Roles.DEFAULT, mesosRole);
  }
}
