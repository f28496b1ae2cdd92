package io.drover.marathon.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A request the scheduler refuses, with Marathon's status and JSON body ({@code message}, ...). */
public final class ApiException extends RuntimeException {

  private final int status;
  private final JsonObject body;

  public ApiException(int status, JsonObject body) {
    super(body.getString("message"), null, false, false);
    this.status = status;
    this.body = body;
  }

  public static ApiException of(int status, String message) {
    return new ApiException(status, new JsonObject().put("message", message));
  }

  public static ApiException notFound(String message) {
    return of(404, message);
  }

  /** Marathon's answer when an app is locked by deployments. */
  static ApiException locked(List<String> deploymentIds) {
    JsonArray deployments = new JsonArray();
    deploymentIds.forEach(id -> deployments.add(new JsonObject().put("id", id)));
    return new ApiException(409, new JsonObject()
      .put("message", "App is locked by one or more deployments. Override with the option '?force=true'. "
        + "View details at '/v2/deployments/" + deploymentIds.get(0) + "'.")
      .put("deployments", deployments));
  }

  public int status() {
    return status;
  }

  public JsonObject body() {
    return body;
  }
}
