package io.drover.common;

import io.drover.common.security.Secrets;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * How a process reaches ZooKeeper. The session timeout bounds failure detection (DESIGN §2), so it
 * is low by default: a dead leader is replaced within about this long.
 *
 * @param connectString     {@code host:port,...} of the ensemble
 * @param sessionTimeoutMs  ZooKeeper session timeout
 * @param connectTimeoutMs  how long to wait for the first connection before giving up
 * @param auth              {@code user:password} of ZooKeeper's digest scheme, or null: with it every
 *                          znode Drover makes is readable and writable by that identity only
 */
public record ZooKeeperSettings(String connectString, int sessionTimeoutMs, int connectTimeoutMs, String auth) {

  public static final String DEFAULT_CONNECT_STRING = "127.0.0.1:2181";
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 3_000;
  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final String AUTH_ENV = "DROVER_ZK_AUTH";

  public ZooKeeperSettings {
    if (auth != null && !auth.matches("[^:\\s]+:\\S+")) {
      throw new IllegalArgumentException("the ZooKeeper digest identity must read user:password");
    }
  }

  public ZooKeeperSettings(String connectString, int sessionTimeoutMs, int connectTimeoutMs) {
    this(connectString, sessionTimeoutMs, connectTimeoutMs, null);
  }

  /** Reads {@code zk}, {@code zkSessionTimeoutMs}, {@code zkConnectTimeoutMs} and {@code zkAuthFile}. */
  public static ZooKeeperSettings from(JsonObject config) {
    return from(config, System.getenv());
  }

  /** @throws IllegalArgumentException naming the file or variable when the identity cannot be read */
  public static ZooKeeperSettings from(JsonObject config, Map<String, String> env) {
    return new ZooKeeperSettings(config.getString("zk", DEFAULT_CONNECT_STRING),
      config.getInteger("zkSessionTimeoutMs", DEFAULT_SESSION_TIMEOUT_MS),
      config.getInteger("zkConnectTimeoutMs", DEFAULT_CONNECT_TIMEOUT_MS),
      Secrets.read(config.getString("zkAuthFile"), env.get(AUTH_ENV), "the ZooKeeper identity file"));
  }

  /** vertx-zookeeper's configuration for the same ensemble; it has no place for auth (see ClusterNode). */
  public JsonObject clusterManagerConfig() {
    return new JsonObject()
      .put("zookeeperHosts", connectString)
      .put("rootPath", ZkPaths.CLUSTER_ROOT)
      .put("sessionTimeout", sessionTimeoutMs)
      .put("connectTimeout", Math.min(connectTimeoutMs, sessionTimeoutMs))
      .put("retry", new JsonObject().put("initialSleepTime", 200).put("intervalTimes", 2_000).put("maxTimes", 10));
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "ZooKeeperSettings[" + connectString + ", session " + sessionTimeoutMs + " ms"
      + (auth == null ? "" : ", as " + auth.substring(0, auth.indexOf(':'))) + "]";
  }
}
