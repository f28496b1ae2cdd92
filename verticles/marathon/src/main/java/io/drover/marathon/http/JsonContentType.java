package io.drover.marathon.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/**
 * Marathon's resources consume only JSON: a write ({@code POST}, {@code PUT}, {@code PATCH}) that
 * names another {@code Content-Type} is refused with 415 before anything reads its body. A write
 * without the header is read as JSON, as Marathon's Jersey does.
 */
final class JsonContentType {

  private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private JsonContentType() {
  }

  static void check(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (!WRITES.contains(ctx.request().method()) || type == null || isJson(type)) {
      ctx.next();
      return;
    }
    ApiErrors.send(ctx, 415, new JsonObject().put("message", "HTTP 415 Unsupported Media Type"));
  }

  /** {@code application/json}, with or without parameters ({@code ; charset=utf-8}). */
  static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json");
  }
}
