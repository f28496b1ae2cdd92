package io.drover.marathon.http;

import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.events.CallbackPolicy;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /v2/eventSubscriptions}, Marathon's HTTP callbacks: list, add ({@code POST ?callbackUrl=})
 * and remove ({@code DELETE ?callbackUrl=}) the URLs every event is POSTed to. Only URLs the
 * operator's {@link CallbackPolicy} allows are taken; without an allow-list the endpoint says
 * callbacks are off, as Marathon does without {@code --event_subscriber http_callback}.
 */
final class EventSubscriptionsApi {

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;
  private final CallbackPolicy policy;
  /** The cluster's API addresses (this node, the marathon leader, the leading master) as host:port. */
  private final Supplier<Set<String>> own;

  EventSubscriptionsApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes, CallbackPolicy policy,
                        Supplier<Set<String>> own) {
    this.reads = reads;
    this.changes = changes;
    this.policy = policy;
    this.own = own;
  }

  /** {@code host:port} of a leader, with its loopback aliases when it listens on loopback. */
  static Set<String> addresses(Optional<LeaderInfo> leader) {
    Set<String> addresses = new HashSet<>();
    leader.ifPresent(l -> addresses.addAll(addresses(l.getHostname(), l.getPort())));
    return addresses;
  }

  static Set<String> addresses(String host, int port) {
    Set<String> addresses = new HashSet<>(Set.of(host + ":" + port));
    if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("0.0.0.0") || host.equals("::1")) {
      addresses.addAll(Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "0.0.0.0:" + port));
    }
    return addresses;
  }

  void mount(Router router) {
    router.get("/v2/eventSubscriptions").handler(this::handleList);
    router.post("/v2/eventSubscriptions").handler(this::handleSubscribe);
    router.delete("/v2/eventSubscriptions").handler(this::handleUnsubscribe);
  }

  private void handleList(RoutingContext ctx) {
    requireEnabled();
    ctx.json(new JsonObject().put("callbackUrls", new JsonArray(reads.get().callbackUrls())));
  }

  private void handleSubscribe(RoutingContext ctx) {
    requireEnabled();
    String url = Requests.param(ctx, "callbackUrl");
    Set<String> cluster = new HashSet<>(own.get());
    cluster.addAll(addresses(ctx.request().localAddress().host(), ctx.request().localAddress().port()));
    policy.refusal(url, cluster).ifPresent(why -> {
      throw ApiException.invalid("/callbackUrl", why);
    });
    answer(ctx, changes.get().subscribe(url, clientIp(ctx)));
  }

  private void handleUnsubscribe(RoutingContext ctx) {
    requireEnabled();
    String url = Requests.param(ctx, "callbackUrl");
    if (url == null) {
      throw ApiException.invalid("/callbackUrl", "callbackUrl is required");
    }
    answer(ctx, changes.get().unsubscribe(url, clientIp(ctx)));
  }

  private void requireEnabled() {
    if (!policy.enabled()) {
      throw ApiException.of(400, "http event callbacks are not enabled on this Marathon; start it with "
        + "--event-subscriber-allow <callback URL prefixes>");
    }
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> event) {
    event.onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else {
        ctx.json(result.result());
      }
    });
  }

  private static String clientIp(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
  }
}
