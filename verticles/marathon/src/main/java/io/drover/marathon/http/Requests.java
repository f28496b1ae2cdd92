package io.drover.marathon.http;

import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.InvalidJsonException;
import io.drover.marathon.app.PathId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Reading what a request asks: its JSON body, its flags and the app id in its path. */
final class Requests {

  private Requests() {
  }

  static JsonObject object(RoutingContext ctx) {
    Object body = AppJson.parseBody(ctx.body().buffer());
    if (!(body instanceof JsonObject json)) {
      throw new InvalidJsonException("expected a JSON object");
    }
    return json;
  }

  static JsonArray array(RoutingContext ctx) {
    Object body = AppJson.parseBody(ctx.body().buffer());
    if (!(body instanceof JsonArray json)) {
      throw new InvalidJsonException("expected a JSON array");
    }
    return json;
  }

  /** A query flag: present as "true" (or bare); anything but true/false is a 400. */
  static boolean flag(RoutingContext ctx, String name, boolean fallback) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return fallback;
    }
    String value = values.get(0).trim().toLowerCase();
    return switch (value) {
      case "true", "" -> true;
      case "false" -> false;
      default -> throw ApiException.of(400, "query parameter " + name + " must be true or false, not '"
        + values.get(0) + "'");
    };
  }

  static String param(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * The app id of a path like {@code /v2/apps//prod/db/restart}: leading slashes collapse (clients
   * send {@code //prod/db}); '//' inside, '.' and '..' are refused rather than resolved.
   */
  static PathId appId(String text) {
    String inner = text.replaceFirst("^/+", "");
    if (inner.contains("//") || java.util.Arrays.stream(inner.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
      throw ApiException.of(422, "app id '" + text + "' must not contain '//', '.' or '..' segments");
    }
    PathId id = PathId.parse(text);
    if (id.isRoot()) {
      throw ApiException.notFound("App '/' does not exist");
    }
    return id;
  }
}
