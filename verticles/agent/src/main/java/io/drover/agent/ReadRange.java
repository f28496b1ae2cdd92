package io.drover.agent;

import io.drover.common.http.HttpErrors;
import io.vertx.ext.web.RoutingContext;

/**
 * The piece of a file a files-API read asks for: {@code offset} ({@code -1} for the end) and
 * {@code length}, at most {@code maxBytes}.
 */
record ReadRange(long offset, int length) {

  /** The request's range; null, with a 400 answered, when it is malformed. */
  static ReadRange of(RoutingContext ctx, int maxBytes) {
    long offset;
    int length;
    try {
      offset = Long.parseLong(ctx.request().getParam("offset", "0"));
      length = Math.min(maxBytes, Integer.parseInt(ctx.request().getParam("length", Integer.toString(maxBytes))));
    } catch (NumberFormatException e) {
      HttpErrors.end(ctx, 400, "offset and length must be whole numbers");
      return null;
    }
    if (offset < -1 || length < 0) {
      HttpErrors.end(ctx, 400, "offset must be -1 or more, length 0 or more");
      return null;
    }
    return new ReadRange(offset, length);
  }
}
