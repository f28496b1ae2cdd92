package io.drover.common;

import io.vertx.core.json.JsonObject;

/**
 * How a process reaches ZooKeeper. The session timeout bounds failure detection (DESIGN §2), so it
 * is low by default: a dead leader is replaced within about this long.
 *
 * @param connectString     {@code host:port,...} of the ensemble
 * @param sessionTimeoutMs  ZooKeeper session timeout
 * @param connectTimeoutMs  how long to wait for the first connection before giving up
 */
public record ZooKeeperSettings(String connectString, int sessionTimeoutMs, int connectTimeoutMs) {

  public static final String DEFAULT_CONNECT_STRING = "127.0.0.1:2181";
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 3_000;
  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

  /** Reads {@code zk}, {@code zkSessionTimeoutMs}, {@code zkConnectTimeoutMs} from a role's config. */
  public static ZooKeeperSettings from(JsonObject config) {
    return new ZooKeeperSettings(config.getString("zk", DEFAULT_CONNECT_STRING),
      config.getInteger("zkSessionTimeoutMs", DEFAULT_SESSION_TIMEOUT_MS),
      config.getInteger("zkConnectTimeoutMs", DEFAULT_CONNECT_TIMEOUT_MS));
  }

  /** The configuration of vertx-zookeeper's cluster manager for the same ensemble. */
  public JsonObject clusterManagerConfig() {
    return new JsonObject()
      .put("zookeeperHosts", connectString)
      .put("rootPath", ZkPaths.CLUSTER_ROOT)
      .put("sessionTimeout", sessionTimeoutMs)
      .put("connectTimeout", Math.min(connectTimeoutMs, sessionTimeoutMs))
      .put("retry", new JsonObject().put("initialSleepTime", 200).put("intervalTimes", 2_000).put("maxTimes", 10));
  }
}
