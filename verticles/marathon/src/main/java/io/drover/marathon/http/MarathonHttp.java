package io.drover.marathon.http;

import io.drover.common.ZooKeeperSettings;
import io.drover.common.http.HttpForwarder;
import io.drover.common.security.Authenticator;
import io.drover.common.security.Credentials;
import io.drover.marathon.MarathonSettings;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.core.MarathonService;
import io.drover.marathon.events.CallbackPolicy;
import io.drover.marathon.events.EventStream;
import io.drover.protocol.LeaderInfo;
import io.drover.ui.Dashboard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The marathon node's HTTP API. The leader answers {@code /v2} and {@code /metrics} itself; any other
 * node forwards those requests to the leader, as Marathon does, and says 503 while there is none.
 */
public final class MarathonHttp {

  private MarathonHttp() {
  }

  public static Router router(Vertx vertx, MarathonSettings settings, EventStream events,
                              Supplier<Optional<MarathonService>> leading, Supplier<Optional<LeaderInfo>> leader,
                              Runnable abdicate, Supplier<Optional<LeaderInfo>> masters,
                              Credentials credentials, ZooKeeperSettings zooKeeper, CallbackPolicy callbacks) {
    Router router = Router.router(vertx);
    router.route().handler(new Authenticator(credentials, Dashboard::isPage));
    HttpForwarder forwarder = new HttpForwarder(vertx,
      (ctx, message) -> ApiErrors.send(ctx, 503, new JsonObject().put("message", "the leader " + message)));
    Supplier<MarathonReads> reads = () -> leading.get().orElseThrow().reads();
    Supplier<AppChanges> changes = () -> leading.get().orElseThrow().changes();
    InfoApi info = new InfoApi(settings, reads, leader, abdicate, masters, zooKeeper);
    // before the body handler: the SockJS bridge and forwarded requests read their own bodies
    new Dashboard(vertx, forwarder, masters, leader).mount(router);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    info.mountLocal(router);
    router.route("/v2/*").handler(JsonContentType::check);
    router.route("/v2/*").handler(ctx -> leaderOnly(ctx, settings.nodeId(), leading, leader, forwarder));
    router.route("/metrics*").handler(ctx -> leaderOnly(ctx, settings.nodeId(), leading, leader, forwarder));
    info.mount(router);
    new AppsApi(reads, changes, events).mount(router);
    new PodsApi(reads, changes, events).mount(router);
    new TasksApi(reads, changes).mount(router);
    new DeploymentsApi(reads, changes).mount(router);
    new GroupsApi(reads, changes).mount(router);
    new QueueApi(reads, changes).mount(router);
    new EventsApi(vertx, events).mount(router);
    new EventSubscriptionsApi(reads, changes, callbacks, () -> {
      Set<String> own = EventSubscriptionsApi.addresses(leader.get());
      own.addAll(EventSubscriptionsApi.addresses(masters.get()));
      return own;
    }).mount(router);
    // Drover has no Marathon plugins; a client listing them finds none
    router.get("/v2/plugins").handler(ctx -> ctx.json(new JsonObject().put("plugins", new JsonArray())));
    router.route().failureHandler(ApiErrors::handle);
    for (int status : ApiErrors.handledStatuses()) {
      router.errorHandler(status, ApiErrors::handle);
    }
    return router;
  }

  private static void leaderOnly(RoutingContext ctx, String nodeId, Supplier<Optional<MarathonService>> leading,
                                 Supplier<Optional<LeaderInfo>> leader, HttpForwarder forwarder) {
    if (leading.get().isPresent()) {
      ctx.next();
      return;
    }
    Optional<LeaderInfo> target = leader.get();
    if (target.isPresent() && target.get().getMasterId().equals(nodeId)) {
      ApiErrors.send(ctx, 503, new JsonObject().put("message", "This node is taking over leadership; try again"));
      return;
    }
    if (target.isEmpty() || HttpForwarder.wasForwarded(ctx)) {
      ApiErrors.send(ctx, 503, new JsonObject().put("message", "Could not determine the current leader"));
      return;
    }
    forwarder.forward(ctx, target.get().getHostname(), target.get().getPort(), ctx.request().uri(),
      ctx.request().path().startsWith("/v2/events"));
  }
}
