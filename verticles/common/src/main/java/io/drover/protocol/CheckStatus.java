package io.drover.protocol;

import io.vertx.core.json.JsonObject;

/**
 * What a task's check found last (Mesos's {@code CheckStatusInfo}): a command's exit code, an HTTP
 * status code, or whether a TCP connect succeeded; each null while the check has no result, or when
 * it timed out.
 */
public record CheckStatus(HealthCheck.Type type, Integer exitCode, Integer statusCode, Boolean succeeded) {

  /** A check that has no result yet. */
  public static CheckStatus pending(HealthCheck.Type type) {
    return new CheckStatus(type, null, null, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type.name()).put("exit_code", exitCode).put("status_code", statusCode)
      .put("succeeded", succeeded);
  }

  /** Null for null. */
  public static CheckStatus fromJson(JsonObject json) {
    return json == null ? null : new CheckStatus(HealthCheck.Type.valueOf(json.getString("type")),
      json.getInteger("exit_code"), json.getInteger("status_code"), json.getBoolean("succeeded"));
  }
}
