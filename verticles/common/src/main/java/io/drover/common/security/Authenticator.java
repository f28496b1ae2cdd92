package io.drover.common.security;

import io.drover.common.http.HttpErrors;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The first route of every HTTP server: a request goes on only with a token of ours, except the
 * liveness probes and what {@code open} lets through (the dashboard's page, which asks for the
 * token). A token comes as {@code Authorization: Bearer <t>}, {@code Authorization: token=<t>} or
 * HTTP basic with the token as password (what Marathon clients send), or as the dashboard's session
 * cookie. A read-only token may only read. Deny by default: what is not accepted gets 401 or 403.
 */
public final class Authenticator implements Handler<RoutingContext> {

  /** The dashboard's session: the browser sends it on fetches, SockJS and EventSource alike. */
  public static final String COOKIE = "drover_token";
  /**
   * Where the dashboard signs in (POST, the token becomes its cookie) and out (DELETE). Neither
   * changes the cluster, so a read-only token may do both: its page then reads, and its actions get 403.
   */
  public static final String SESSION = "/ui/session";
  /** Where the accepted token is kept for the rest of the request. */
  public static final String TOKEN = "drover.token";
  /** Where the accepted token's {@link Credentials.Access} is kept; absent when no token is asked for. */
  public static final String ACCESS = "drover.access";
  private static final Set<String> PROBES = Set.of("/ping", "/health", "/ready");
  private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Credentials credentials;
  private final Predicate<String> open;

  public Authenticator(Credentials credentials, Predicate<String> open) {
    this.credentials = credentials;
    this.open = open;
  }

  public Authenticator(Credentials credentials) {
    this(credentials, path -> false);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!credentials.enabled() || PROBES.contains(path) || open.test(path)) {
      ctx.next();
      return;
    }
    String token = presented(ctx.request());
    if (token == null) {
      refuse(ctx, "authentication required: send Authorization: Bearer <token>");
      return;
    }
    Optional<Credentials.Access> access = credentials.check(token);
    if (access.isEmpty()) {
      refuse(ctx, "the token is not valid");
      return;
    }
    if (access.get() == Credentials.Access.READ_ONLY && !READS.contains(ctx.request().method())
      && !path.equals(SESSION)) {
      HttpErrors.end(ctx, 403, "this token may only read; " + ctx.request().method() + " needs the operator token");
      return;
    }
    ctx.put(TOKEN, token);
    ctx.put(ACCESS, access.get());
    ctx.next();
  }

  private static void refuse(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
    HttpErrors.end(ctx, 401, message);
  }

  /** The token the request carries, or null. */
  static String presented(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      String value = header.strip();
      if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return value.substring(7).strip();
      }
      if (value.startsWith("token=")) {
        return value.substring(6).strip();
      }
      if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
        return basicPassword(value.substring(6).strip());
      }
      return null;
    }
    Cookie cookie = request.getCookie(COOKIE);
    return cookie == null ? null : decodeCookie(cookie.getValue());
  }

  /** A cookie value holds any token safely. */
  public static String encodeCookie(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCookie(String value) {
    try {
      return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }

  /** {@code user:password} in base64; the token is the password (or the user, when the password is empty). */
  private static String basicPassword(String encoded) {
    try {
      String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        return pair;
      }
      String password = pair.substring(colon + 1);
      return password.isEmpty() ? pair.substring(0, colon) : password;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
