package io.drover.ui;

import io.drover.common.Addresses;
import io.drover.common.http.HttpErrors;
import io.drover.common.http.HttpForwarder;
import io.drover.common.security.Authenticator;
import io.drover.common.security.Credentials;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The live dashboard, the same on every master and marathon node: the page at {@code /}, its assets
 * under {@code /ui/}, the SockJS event-bus bridge at {@code /eventbus} and the first snapshot through
 * {@code /ui/api/master/*} and {@code /ui/api/marathon/*}, forwarded to whichever node leads.
 */
public final class Dashboard {

  public static final String MASTER_API = "/ui/api/master";
  public static final String MARATHON_API = "/ui/api/marathon";
  static final String SESSION = Authenticator.SESSION;
  /**
   * What the page reads and does through the leading master: its state, its last hour, task output
   * streams and task sandboxes, the roles, the roles' weights, the machines in maintenance, and the
   * operator API (agents' drain and reactivation).
   */
  static final Pattern MASTER_PATHS = Pattern.compile("/master/state|/master/history|/master/roles|/master/weights"
    + "|/master/tasks/[^/]+/files/[a-z]+|/master/tasks/[^/]+/sandbox/(browse|read|download)"
    + "|/master/maintenance/status|/api/v1");
  /** What the page reads and does through the leading marathon: Marathon's API. */
  static final Pattern MARATHON_PATHS = Pattern.compile("/v2/.*");
  /** A dashboard listens to a handful of topics; more handlers on one socket is a misbehaving client. */
  static final int MAX_HANDLERS_PER_SOCKET = 16;

  private final Vertx vertx;
  private final Supplier<Optional<LeaderInfo>> master;
  private final Supplier<Optional<LeaderInfo>> marathon;
  private final HttpForwarder forwarder;

  /**
   * {@code master} and {@code marathon} tell who leads each, as this node last saw it; {@code forwarder}
   * is the node's own (one connection pool per node).
   */
  public Dashboard(Vertx vertx, HttpForwarder forwarder, Supplier<Optional<LeaderInfo>> master,
                   Supplier<Optional<LeaderInfo>> marathon) {
    this.vertx = vertx;
    this.forwarder = forwarder;
    this.master = master;
    this.marathon = marathon;
  }

  /**
   * What anyone may fetch without a token: the page and its assets, which hold no data and ask for the
   * token. The APIs, the session and the event bus are not among them.
   */
  public static boolean isPage(String path) {
    return path.equals("/") || path.startsWith("/ui/") && !path.startsWith("/ui/api/") && !path.equals(SESSION);
  }

  /** Adds the dashboard's routes; mount before any catch-all route, after the authenticator. */
  public void mount(Router router) {
    // the page asks whether it may read (its access, or the authenticator's 401), then signs in: the
    // token becomes an HttpOnly cookie for this browser session, sent with fetches, SockJS and EventSource
    router.get(SESSION).handler(Dashboard::handleSession);
    router.post(SESSION).handler(ctx -> {
      String token = ctx.get(Authenticator.TOKEN);
      if (token != null) {
        ctx.response().addCookie(sessionCookie(Authenticator.encodeCookie(token)));
      }
      handleSession(ctx);
    });
    router.delete(SESSION).handler(ctx -> {
      ctx.response().addCookie(sessionCookie("").setMaxAge(0));
      ctx.response().setStatusCode(204).end();
    });
    router.route(MASTER_API + "/*").handler(ctx -> forward(ctx, MASTER_API, master, "master", MASTER_PATHS,
      path -> path.startsWith("/master/tasks/")));
    router.route(MARATHON_API + "/*").handler(ctx -> forward(ctx, MARATHON_API, marathon, "marathon", MARATHON_PATHS,
      path -> path.startsWith("/v2/events")));
    router.route("/eventbus/*").handler(Dashboard::sameOrigin);
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(bridgeOptions(), Dashboard::confirm));
    router.get("/").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .sendFile("webroot/index.html"));
    // no long caching: a dashboard must not mix the assets of two Drover versions after an upgrade
    router.get("/ui/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }

  /**
   * What the session may do, so the page offers only the actions it may take: {@code {"access":
   * "operator"}}, or {@code "read-only"} for the read-only token. Without tokens anyone is an operator.
   */
  static void handleSession(RoutingContext ctx) {
    boolean readOnly = ctx.get(Authenticator.ACCESS) == Credentials.Access.READ_ONLY;
    ctx.json(new JsonObject().put("access", readOnly ? "read-only" : "operator"));
  }

  /** The session cookie: the whole site's, out of scripts' reach, never sent by another site's page. */
  private static Cookie sessionCookie(String value) {
    return Cookie.cookie(Authenticator.COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT);
  }

  /** Out: only {@code drover.ui.*}. In: nothing at all (no inbound permission is granted). */
  static SockJSBridgeOptions bridgeOptions() {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.uiPattern()));
    options.setMaxHandlersPerSocket(MAX_HANDLERS_PER_SOCKET);
    return options;
  }

  /**
   * Only pages this node served may open the bridge: a browser sends the page's origin, and another
   * site's page (cross-site WebSocket hijacking) names a host other than the one it connects to.
   * Clients that are not browsers send no Origin and are not concerned.
   */
  static void sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    HostAndPort authority = ctx.request().authority();
    String self = authority == null ? null
      : "http://" + authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
    if (origin == null || origin.equals(self)) {
      ctx.next();
      return;
    }
    HttpErrors.end(ctx, 403, "the event bus serves only pages of " + self + ", not of " + origin);
  }

  /**
   * Tells the page, on the topic itself, once its registration is known to the cluster: a snapshot
   * taken after that cannot miss an event. Every other bridge event goes through unchanged.
   */
  private static void confirm(BridgeEvent event) {
    if (event.type() == BridgeEventType.REGISTERED) {
      event.socket().write(new JsonObject().put("type", "rec").put("address", event.getRawMessage().getString("address"))
        .put("body", new JsonObject().put("event", "subscribed")).encode());
    }
    event.complete(true);
  }

  /**
   * Forwards {@code <prefix><path>} to the leader as {@code <path>}: only the paths the page needs, once
   * (a forwarded request is never forwarded again, so no chain of nodes can form).
   */
  private void forward(RoutingContext ctx, String prefix, Supplier<Optional<LeaderInfo>> leader, String role,
                       Pattern allowed, Predicate<String> stream) {
    String path = ctx.normalizedPath().substring(prefix.length());
    if (!allowed.matcher(path).matches()) {
      HttpErrors.end(ctx, 404, "the dashboard does not forward " + path + " to the " + role);
      return;
    }
    if (HttpForwarder.wasForwarded(ctx)) {
      HttpErrors.end(ctx, 508, "a forwarded request came back to be forwarded again");
      return;
    }
    Optional<LeaderInfo> target = leader.get();
    if (target.isEmpty()) {
      HttpErrors.end(ctx, 503, "no leading " + role + " is elected");
      return;
    }
    String query = ctx.request().query();
    forwarder.forward(ctx, target.get().getHostname(), target.get().getPort(),
      query == null ? path : path + "?" + query, stream.test(path));
  }
}
