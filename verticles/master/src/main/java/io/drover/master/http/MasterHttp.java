package io.drover.master.http;

import io.drover.common.http.HttpErrors;
import io.drover.master.MasterVerticle;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The master's HTTP API on 5050, in Mesos's shapes. */
public final class MasterHttp {

  private final Vertx vertx;
  private final MasterVerticle master;
  private final Router router;

  public MasterHttp(Vertx vertx, MasterVerticle master) {
    this.vertx = vertx;
    this.master = master;
    this.router = Router.router(vertx);
    router.get("/master/state").handler(this::handleState);
    router.get("/state").handler(this::handleState);
    router.get("/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/redirect").handler(this::handleRedirect);
    router.get("/master/redirect").handler(this::handleRedirect);
    router.get("/metrics/snapshot").handler(this::handleMetrics);
    router.route().last().handler(ctx -> HttpErrors.end(ctx, 404, "no such endpoint: " + ctx.request().path()));
    router.route().failureHandler(HttpErrors::handleFailure);
  }

  public Router router() {
    return router;
  }

  /** Listens and answers the port actually bound (which differs from {@code port} when it is 0). */
  public Future<Integer> listen(String host, int port) {
    return vertx.createHttpServer().requestHandler(router).listen(port, host).map(server -> server.actualPort());
  }

  private void handleState(RoutingContext ctx) {
    json(ctx, StateJson.state(master, master.masters()));
  }

  private void handleMetrics(RoutingContext ctx) {
    json(ctx, MetricsSnapshot.of(master));
  }

  private void handleRedirect(RoutingContext ctx) {
    LeaderInfo leader = master.leader().orElse(null);
    if (leader == null) {
      HttpErrors.end(ctx, 503, "no leading master is elected");
      return;
    }
    ctx.response().setStatusCode(307).putHeader(HttpHeaders.LOCATION, "http://" + leader.address() + "/").end();
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
