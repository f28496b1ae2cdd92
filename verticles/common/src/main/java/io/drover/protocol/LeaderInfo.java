package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The leading master of one leadership term, as written to ZooKeeper for everyone to find. */
@DataObject
public class LeaderInfo {

  private final String masterId;
  private final String hostname;
  private final int port;
  private final long epoch;
  private final double electedTime;

  public LeaderInfo(String masterId, String hostname, int port, long epoch, double electedTime) {
    this.masterId = masterId;
    this.hostname = hostname;
    this.port = port;
    this.epoch = epoch;
    this.electedTime = electedTime;
  }

  public LeaderInfo(JsonObject json) {
    this(json.getString("master_id"), json.getString("hostname"), json.getInteger("port", 0),
      json.getLong("epoch", 0L), json.getDouble("elected_time", 0.0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("master_id", masterId).put("hostname", hostname).put("port", port)
      .put("epoch", epoch).put("elected_time", electedTime);
  }

  public String getMasterId() {
    return masterId;
  }

  public String getHostname() {
    return hostname;
  }

  public int getPort() {
    return port;
  }

  public long getEpoch() {
    return epoch;
  }

  public double getElectedTime() {
    return electedTime;
  }

  /** {@code host:port} of the leader's HTTP API. */
  public String address() {
    return hostname + ":" + port;
  }
}
