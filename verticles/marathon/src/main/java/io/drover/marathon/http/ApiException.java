package io.drover.marathon.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A request the API refuses before it reaches the scheduler, with Marathon's status and JSON body. */
final class ApiException extends RuntimeException {

  private final int status;
  private final JsonObject body;

  private ApiException(int status, JsonObject body) {
    super(body.getString("message"), null, false, false);
    this.status = status;
    this.body = body;
  }

  static ApiException of(int status, String message) {
    return new ApiException(status, new JsonObject().put("message", message));
  }

  /** A 422 in Marathon's shape for one invalid field: {@code {message, details: [{path, errors}]}}. */
  static ApiException invalid(String path, String error) {
    return new ApiException(422, new JsonObject().put("message", "Object is not valid").put("details",
      new JsonArray().add(new JsonObject().put("path", path).put("errors", new JsonArray().add(error)))));
  }

  static ApiException notFound(String message) {
    return of(404, message);
  }

  int status() {
    return status;
  }

  JsonObject body() {
    return body;
  }
}
