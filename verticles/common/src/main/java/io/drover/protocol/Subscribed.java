package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The leader's answer to a subscription: the framework's id and the leader's epoch. */
@DataObject
public class Subscribed {

  private final String frameworkId;
  private final String masterId;
  private final long epoch;
  private final double heartbeatIntervalSeconds;

  public Subscribed(String frameworkId, String masterId, long epoch, double heartbeatIntervalSeconds) {
    this.frameworkId = frameworkId;
    this.masterId = masterId;
    this.epoch = epoch;
    this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
  }

  public Subscribed(JsonObject json) {
    this(json.getString("framework_id"), json.getString("master_id"), json.getLong("epoch", 0L),
      json.getDouble("heartbeat_interval_seconds", 0.0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("framework_id", frameworkId).put("master_id", masterId).put("epoch", epoch)
      .put("heartbeat_interval_seconds", heartbeatIntervalSeconds);
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  public String getMasterId() {
    return masterId;
  }

  public long getEpoch() {
    return epoch;
  }

  public double getHeartbeatIntervalSeconds() {
    return heartbeatIntervalSeconds;
  }
}
