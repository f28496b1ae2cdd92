package io.drover.marathon.http;

import io.drover.marathon.events.EventStream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /v2/events}: Marathon's event stream as Server-Sent Events ({@code event:} the type,
 * {@code data:} the JSON). Beyond Marathon, each event has an {@code id:}, and a client that comes
 * back with {@code Last-Event-ID}, to this leader or the next, first gets what it missed; or, when
 * some of that may be gone, an {@code event_stream_gap} notice first (no Marathon client sends the
 * header, so none sees it).
 */
final class EventsApi {

  /** A comment line this often keeps proxies from closing a quiet stream and finds dead clients. */
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;
  private final EventStream events;

  EventsApi(Vertx vertx, EventStream events) {
    this.vertx = vertx;
    this.events = events;
  }

  void mount(Router router) {
    router.get("/v2/events").handler(this::handleStream);
  }

  private void handleStream(RoutingContext ctx) {
    Set<String> types = new HashSet<>();
    ctx.queryParam("event_type").forEach(t -> types.addAll(Set.of(t.split(","))));
    long after = lastEventId(ctx.request().getHeader("Last-Event-ID"));
    HttpServerResponse response = ctx.response()
      .setChunked(true)
      .putHeader("Content-Type", "text/event-stream")
      .putHeader("Cache-Control", "no-cache");
    response.write(":\n\n");
    EventStream.Subscription subscription = events.subscribe(types, after, event -> {
      if (response.ended()) {
        return;
      }
      if (response.writeQueueFull()) {
        // a client that cannot keep up is dropped, not buffered without end; it can come back with Last-Event-ID
        response.end();
        return;
      }
      // an unnumbered event (the gap notice) leaves the client's Last-Event-ID as it was
      String id = event.id() == 0 ? "" : "id: " + event.id() + "\n";
      response.write(id + "event: " + event.type() + "\ndata: " + event.data().encode() + "\n\n");
    });
    subscription.onClose(() -> {
      if (!response.ended()) {
        response.end();
      }
    });
    String remote = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
    events.publish("event_stream_attached", new JsonObject().put("remoteAddress", remote));
    long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, t -> {
      if (!response.ended()) {
        response.write(":\n\n");
      }
    });
    boolean[] detached = {false};
    Runnable detach = () -> {
      if (!detached[0]) {
        detached[0] = true;
        vertx.cancelTimer(keepAlive);
        subscription.cancel();
        events.publish("event_stream_detached", new JsonObject().put("remoteAddress", remote));
      }
    };
    response.endHandler(v -> detach.run());
    response.closeHandler(v -> detach.run());
  }

  private static long lastEventId(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException notOurs) {
      return 0;
    }
  }
}
