package io.drover.marathon.core;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Marathon's {@code Health}: what one health check of an app found of one task, as
 * {@code healthCheckResults} shows it. A check is alive while its last result passed.
 */
public final class CheckHealth {

  private Boolean alive;
  private int consecutiveFailures;
  private Long firstSuccessMs;
  private Long lastSuccessMs;
  private Long lastFailureMs;
  private String lastFailureCause;
  /** When the scheduler's next probe of this check is due, and whether one is on its way. */
  long nextProbeMs;
  boolean probing;

  /** True or false after the check's first counted result, null before. */
  public Boolean alive() {
    return alive;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** True once the check has passed at least once. */
  boolean everPassed() {
    return firstSuccessMs != null;
  }

  void passed(long nowMs) {
    alive = true;
    consecutiveFailures = 0;
    firstSuccessMs = firstSuccessMs == null ? nowMs : firstSuccessMs;
    lastSuccessMs = nowMs;
  }

  void failed(long nowMs, String cause) {
    alive = false;
    consecutiveFailures++;
    lastFailureMs = nowMs;
    lastFailureCause = cause;
  }

  /** Marathon's JSON of it, for the task {@code instanceId}. */
  public JsonObject toJson(String instanceId) {
    JsonObject json = new JsonObject()
      .put("alive", Boolean.TRUE.equals(alive))
      .put("consecutiveFailures", consecutiveFailures)
      .put("instanceId", instanceId);
    putTime(json, "firstSuccess", firstSuccessMs);
    putTime(json, "lastSuccess", lastSuccessMs);
    putTime(json, "lastFailure", lastFailureMs);
    if (lastFailureCause != null) {
      json.put("lastFailureCause", lastFailureCause);
    }
    return json;
  }

  private static void putTime(JsonObject json, String field, Long epochMs) {
    if (epochMs != null) {
      json.put(field, Instant.ofEpochMilli(epochMs).toString());
    }
  }
}
