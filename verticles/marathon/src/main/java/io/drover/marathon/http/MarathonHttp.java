package io.drover.marathon.http;

import io.drover.marathon.MarathonSettings;
import io.drover.marathon.core.MarathonService;
import io.drover.marathon.events.EventStream;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The marathon node's HTTP API. The leader answers {@code /v2} and {@code /metrics} itself; any other
 * node forwards those requests to the leader, as Marathon does, and says 503 while there is none.
 */
public final class MarathonHttp {

  /** Marks a forwarded request, so two nodes that disagree about the leader cannot loop. */
  private static final String FORWARDED = "X-Marathon-Via";
  /** Connections a non-leader keeps to the leader for forwarded requests. */
  private static final int FORWARD_POOL = 200;
  /** A forwarded request (other than an event stream) the leader leaves unanswered this long fails. */
  private static final long FORWARD_TIMEOUT_MS = 30_000;
  /** Headers that belong to one connection, not to the request: never forwarded. */
  private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("host", "content-length", "connection",
    "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "expect", "proxy-connection");

  private MarathonHttp() {
  }

  public static Router router(Vertx vertx, MarathonSettings settings, EventStream events,
                              Supplier<Optional<MarathonService>> leading, Supplier<Optional<LeaderInfo>> leader,
                              Runnable abdicate) {
    Router router = Router.router(vertx);
    // event streams hold their connection for as long as they last: the pool must not run dry
    HttpClient client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(FORWARD_POOL));
    Supplier<MarathonService> service = () -> leading.get().orElseThrow();
    InfoApi info = new InfoApi(settings, service, leader, abdicate);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    info.mountLocal(router);
    router.route("/v2/*").handler(ctx -> leaderOnly(ctx, settings.nodeId(), leading, leader, client));
    router.route("/metrics*").handler(ctx -> leaderOnly(ctx, settings.nodeId(), leading, leader, client));
    info.mount(router);
    new AppsApi(service, events).mount(router);
    new TasksApi(service).mount(router);
    new DeploymentsApi(service).mount(router);
    new GroupsApi(service).mount(router);
    new QueueApi(service).mount(router);
    new EventsApi(vertx, events).mount(router);
    router.route("/v2/pods*").handler(ctx -> ApiErrors.send(ctx, 501,
      new JsonObject().put("message", "pods are not supported by Drover; use apps")));
    router.route().failureHandler(ApiErrors::handle);
    for (int status : ApiErrors.handledStatuses()) {
      router.errorHandler(status, ApiErrors::handle);
    }
    return router;
  }

  private static void leaderOnly(RoutingContext ctx, String nodeId, Supplier<Optional<MarathonService>> leading,
                                 Supplier<Optional<LeaderInfo>> leader, HttpClient client) {
    if (leading.get().isPresent()) {
      ctx.next();
      return;
    }
    Optional<LeaderInfo> target = leader.get();
    if (target.isPresent() && target.get().getMasterId().equals(nodeId)) {
      ApiErrors.send(ctx, 503, new JsonObject().put("message", "This node is taking over leadership; try again"));
      return;
    }
    if (target.isEmpty() || ctx.request().getHeader(FORWARDED) != null) {
      ApiErrors.send(ctx, 503, new JsonObject().put("message", "Could not determine the current leader"));
      return;
    }
    forward(ctx, target.get(), client);
  }

  /** Sends the request on to the leader and streams its answer back (event streams included). */
  private static void forward(RoutingContext ctx, LeaderInfo leader, HttpClient client) {
    boolean stream = ctx.request().path().startsWith("/v2/events");
    RequestOptions options = new RequestOptions()
      .setMethod(ctx.request().method())
      .setHost(leader.getHostname())
      .setPort(leader.getPort())
      .setURI(ctx.request().uri());
    if (!stream) {
      options.setIdleTimeout(FORWARD_TIMEOUT_MS);
    }
    ctx.request().headers().forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        options.addHeader(name, value);
      }
    });
    options.addHeader(FORWARDED, "1");
    client.request(options)
      .compose(request -> request.send(ctx.body().buffer() == null ? io.vertx.core.buffer.Buffer.buffer()
        : ctx.body().buffer()))
      .onSuccess(response -> {
        ctx.response().setStatusCode(response.statusCode());
        response.headers().forEach((name, value) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            ctx.response().putHeader(name, value);
          }
        });
        ctx.response().setChunked(true);
        // a client that leaves takes the upstream connection with it (an event stream never ends)
        ctx.response().closeHandler(v -> response.request().reset());
        response.pipeTo(ctx.response());
      })
      .onFailure(e -> ApiErrors.send(ctx, 503, new JsonObject().put("message",
        "the leader at " + leader.getHostname() + ":" + leader.getPort() + " did not answer: " + e.getMessage())));
  }
}
