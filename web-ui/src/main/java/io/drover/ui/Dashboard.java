package io.drover.ui;

import io.drover.common.Addresses;
import io.drover.common.http.HttpErrors;
import io.drover.common.http.HttpForwarder;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live dashboard, the same on every master and marathon node: the page at {@code /}, its assets
 * under {@code /ui/}, the SockJS event-bus bridge at {@code /eventbus} and the first snapshot through
 * {@code /ui/api/master/*} and {@code /ui/api/marathon/*}, forwarded to whichever node leads.
 */
public final class Dashboard {

  public static final String MASTER_API = "/ui/api/master";
  public static final String MARATHON_API = "/ui/api/marathon";
  /** A dashboard listens to a handful of topics; more handlers on one socket is a misbehaving client. */
  static final int MAX_HANDLERS_PER_SOCKET = 16;

  private final Vertx vertx;
  private final Supplier<Optional<LeaderInfo>> master;
  private final Supplier<Optional<LeaderInfo>> marathon;
  private final HttpForwarder forwarder;

  /** {@code master} and {@code marathon} tell who leads each, as this node last saw it. */
  public Dashboard(Vertx vertx, Supplier<Optional<LeaderInfo>> master, Supplier<Optional<LeaderInfo>> marathon) {
    this.vertx = vertx;
    this.master = master;
    this.marathon = marathon;
    this.forwarder = new HttpForwarder(vertx);
  }

  /** Adds the dashboard's routes; mount before any catch-all route. */
  public void mount(Router router) {
    router.route(MASTER_API + "/*").handler(ctx -> forward(ctx, MASTER_API, master, "master"));
    router.route(MARATHON_API + "/*").handler(ctx -> forward(ctx, MARATHON_API, marathon, "marathon"));
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(bridgeOptions()));
    router.get("/").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .sendFile("webroot/index.html"));
    // no long caching: a dashboard must not mix the assets of two Drover versions after an upgrade
    router.get("/ui/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }

  /** Out: only {@code drover.ui.*}. In: nothing at all (no inbound permission is granted). */
  static SockJSBridgeOptions bridgeOptions() {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.uiPattern()));
    options.setMaxHandlersPerSocket(MAX_HANDLERS_PER_SOCKET);
    return options;
  }

  private void forward(RoutingContext ctx, String prefix, Supplier<Optional<LeaderInfo>> leader, String role) {
    Optional<LeaderInfo> target = leader.get();
    if (target.isEmpty()) {
      HttpErrors.end(ctx, 503, "no leading " + role + " is elected");
      return;
    }
    String uri = ctx.request().uri().substring(prefix.length());
    forwarder.forward(ctx, target.get().getHostname(), target.get().getPort(), uri.isEmpty() ? "/" : uri,
      ctx.request().headers().contains(HttpHeaders.ACCEPT, "text/event-stream", true));
  }
}
