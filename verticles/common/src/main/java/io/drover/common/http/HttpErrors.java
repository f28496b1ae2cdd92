package io.drover.common.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error answer is a JSON object naming the problem, never a stack trace. */
public final class HttpErrors {

  private static final Logger LOG = Logger.getLogger(HttpErrors.class.getName());

  private HttpErrors() {
  }

  public static void end(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .end(new JsonObject().put("message", message).encode());
  }

  public static void handleFailure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status >= 500) {
      LOG.log(Level.WARNING, "request " + ctx.request().path() + " failed", ctx.failure());
    }
    end(ctx, status, status >= 500 ? "internal error" : "bad request");
  }
}
