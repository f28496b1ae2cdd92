package io.drover.marathon.http;

import io.drover.marathon.app.InvalidJsonException;
import io.drover.marathon.app.ValidationException;
import io.drover.marathon.core.Refusal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one table from failures to Marathon's error answers: every 4xx and 5xx is a JSON object with
 * a {@code message} (and {@code details} for invalid definitions), never a stack trace.
 */
final class ApiErrors {

  private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

  private ApiErrors() {
  }

  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (failure instanceof Refusal refusal) {
      send(ctx, status(refusal.reason()), refused(refusal));
    } else if (failure instanceof ApiException api) {
      send(ctx, api.status(), api.body());
    } else if (failure instanceof ValidationException invalid) {
      send(ctx, 422, invalid(invalid));
    } else if (failure instanceof InvalidJsonException malformed) {
      send(ctx, 400, new JsonObject().put("message", "Invalid JSON").put("details", new JsonArray()
        .add(new JsonObject().put("path", "/").put("errors", new JsonArray().add(malformed.getMessage())))));
    } else if (failure != null && !(failure instanceof io.vertx.ext.web.handler.HttpException)) {
      LOG.log(Level.WARNING, "request " + ctx.request().method() + " " + ctx.request().path() + " failed", failure);
      send(ctx, 500, new JsonObject().put("message", "internal error: " + failure.getMessage()));
    } else {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      send(ctx, status, new JsonObject().put("message", message(status, ctx)));
    }
  }

  /** The one table from the scheduler's reasons to refuse to Marathon's status codes. */
  static int status(Refusal.Reason reason) {
    return switch (reason) {
      case UNKNOWN -> 404;
      case ID_TAKEN, LOCKED -> 409;
      case CHANGE_TOO_LARGE -> 413;
      case DEPENDENCY_CYCLE, NO_SERVICE_PORT, INVALID_ROLE -> 422;
    };
  }

  /** Marathon's body for a refusal: a message, the deployments that lock, or what is invalid. */
  static JsonObject refused(Refusal refusal) {
    return switch (refusal.reason()) {
      case LOCKED -> new JsonObject().put("message", refusal.getMessage()).put("deployments",
        new JsonArray(refusal.deployments().stream().map(id -> new JsonObject().put("id", id)).toList()));
      case DEPENDENCY_CYCLE -> new JsonObject().put("message", "Object is not valid").put("details", new JsonArray()
        .add(new JsonObject().put("path", "/dependencies").put("errors", new JsonArray().add(refusal.getMessage()))));
      case INVALID_ROLE -> new JsonObject().put("message", "Object is not valid").put("details", new JsonArray()
        .add(new JsonObject().put("path", "/role").put("errors", new JsonArray().add(refusal.getMessage()))));
      default -> new JsonObject().put("message", refusal.getMessage());
    };
  }

  static JsonObject invalid(ValidationException invalid) {
    Map<String, JsonArray> byPath = new LinkedHashMap<>();
    invalid.violations().forEach(v -> byPath.computeIfAbsent(v.path(), p -> new JsonArray()).add(v.error()));
    JsonArray details = new JsonArray();
    byPath.forEach((path, errors) -> details.add(new JsonObject().put("path", path).put("errors", errors)));
    return new JsonObject().put("message", "Object is not valid").put("details", details);
  }

  private static String message(int status, RoutingContext ctx) {
    return switch (status) {
      case 404 -> "Resource not found: " + ctx.request().path();
      case 405 -> "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> "Request entity too large: the limit is 1 MiB";
      case 415 -> "Unsupported media type";
      default -> status >= 500 ? "internal error" : "Bad request";
    };
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .end(body.encode());
  }

  static List<Integer> handledStatuses() {
    return List.of(400, 404, 405, 413, 415, 500, 503);
  }
}
