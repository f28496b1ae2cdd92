package io.drover.common.http;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Every HTTP server of Drover, with the same limits against malformed and slow clients: request
 * lines and headers have Netty's bounds (414, 431); a URL with a broken percent-escape gets 400
 * before any route reads it; a request's body must arrive whole within {@link #REQUEST_DEADLINE_MS}
 * of its headers (a chunked body that never ends gets 408); a connection silent both ways for
 * {@link #IDLE_TIMEOUT_S} is closed; a connection that has not completed a request's headers within
 * {@link #HEADER_DEADLINE_MS} of opening, or within {@link #IDLE_TIMEOUT_S} of its last response,
 * is dropped even while it trickles bytes (slowloris); one client holds at most
 * {@link #STREAMS_PER_CLIENT} open streams (event streams, Mesos v1 API subscriptions, SockJS's
 * streaming transports and WebSockets), so it cannot tie up the server's memory and timers; and what the HTTP decoder cannot
 * read gets a JSON error like every other refusal.
 */
public final class HttpLimits {

  /** Longer than every keep-alive the servers send (event streams every 15 s, SockJS every 25 s). */
  public static final int IDLE_TIMEOUT_S = 60;
  public static final long REQUEST_DEADLINE_MS = 10_000;
  public static final long HEADER_DEADLINE_MS = 10_000;
  /** Far more than a few dashboards and CLI event streams of one machine need. */
  public static final int STREAMS_PER_CLIENT = 64;
  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADERS = 8192;

  private HttpLimits() {
  }

  /** Listens on {@code host:port} (0: a free port) and answers the port bound. */
  public static Future<HttpServer> listen(Vertx vertx, Handler<HttpServerRequest> handler, int port, String host) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
      .setIdleTimeout(IDLE_TIMEOUT_S).setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADERS)
      // with h2c on, Vert.x sees a connection only once its first request is decoded: too late to time its headers
      .setHttp2ClearTextEnabled(false));
    server.invalidRequestHandler(HttpLimits::invalid);
    Streams streams = new Streams(vertx);
    Connections connections = new Connections(vertx);
    server.connectionHandler(connections::watch);
    server.requestHandler(request -> {
      connections.arrived(request);
      if (!wellEscaped(request.uri())) {
        refuse(request, 400, "the URL has a % that is not followed by two hex digits");
        return;
      }
      HttpServerRequest admitted = streams.admit(request);
      if (admitted == null) {
        refuse(request, 429, "this client already holds " + STREAMS_PER_CLIENT + " open streams; close some first");
        return;
      }
      bodyDeadline(vertx, admitted);
      handler.handle(admitted);
    });
    return server.listen(port, host).onFailure(notListening -> streams.stop());
  }

  static boolean wellEscaped(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
        || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The headers are in; the body must follow in time, or the client hears 408 and the connection goes. */
  private static void bodyDeadline(Vertx vertx, HttpServerRequest request) {
    if (request.isEnded() || request.headers().contains(HttpHeaders.UPGRADE)) {
      // a WebSocket (the SockJS bridge) lives on past its request; its heartbeats keep it
      return;
    }
    long timer = vertx.setTimer(REQUEST_DEADLINE_MS, t -> {
      if (request.response().headWritten()) {
        request.connection().close();
      } else {
        refuse(request, 408, "the request body did not arrive within " + REQUEST_DEADLINE_MS / 1000 + " s");
      }
    });
    request.end().onComplete(done -> vertx.cancelTimer(timer));
  }

  /**
   * Every open connection, from the moment it opens (so h2c is off): each must complete a request's
   * headers in time, {@link #HEADER_DEADLINE_MS} after it opens and {@link #IDLE_TIMEOUT_S} after its
   * last response ended. A client trickling header bytes keeps the idle timeout from firing, so this
   * looks at the connection every few seconds instead. A WebSocket leaves the watch: its pings keep it
   * honest, and its connection's close handler is no longer called.
   */
  private static final class Connections {
    private static final long CHECK_MS = 2_000;
    private final Vertx vertx;
    private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();

    Connections(Vertx vertx) {
      this.vertx = vertx;
    }

    private enum Verdict { KEEP, DROP, FORGET }

    private static final class Watch {
      final long opened = System.currentTimeMillis();
      volatile HttpServerRequest current;
      volatile long idleSince;
    }

    void watch(HttpConnection connection) {
      Watch watch = new Watch();
      watched.put(connection, watch);
      long timer = vertx.setPeriodic(CHECK_MS, t -> {
        Verdict verdict = judge(watch);
        if (verdict != Verdict.KEEP) {
          forget(connection, t);
        }
        if (verdict == Verdict.DROP) {
          connection.close();
        }
      });
      // the connection's own close handler: routes and SockJS set those of requests and sockets
      connection.closeHandler(closed -> forget(connection, timer));
    }

    private void forget(HttpConnection connection, long timer) {
      vertx.cancelTimer(timer);
      watched.remove(connection);
    }

    void arrived(HttpServerRequest request) {
      Watch watch = watched.get(request.connection());
      if (watch != null) {
        watch.idleSince = 0;
        watch.current = request;
      }
    }

    private static Verdict judge(Watch watch) {
      long now = System.currentTimeMillis();
      HttpServerRequest request = watch.current;
      if (request == null) {
        return now - watch.opened < HEADER_DEADLINE_MS ? Verdict.KEEP : Verdict.DROP;
      }
      if (request.headers().contains(HttpHeaders.UPGRADE)) {
        return Verdict.FORGET;
      }
      if (!request.response().ended()) {
        watch.idleSince = 0;
        return Verdict.KEEP;
      }
      if (watch.idleSince == 0) {
        watch.idleSince = now;
      }
      return now - watch.idleSince < IDLE_TIMEOUT_S * 1000L ? Verdict.KEEP : Verdict.DROP;
    }
  }

  /**
   * The open streams of each client address: event streams, SockJS's streaming transports and
   * WebSockets. A stream counts until its response ends, its connection closes or its WebSocket
   * closes; those are dropped when the client opens another and by a sweep every few seconds, which
   * also forgets a client with none left. A request forwarded by another Drover node was counted there.
   */
  private static final class Streams {
    /** How often closed streams, and clients left without any, are forgotten. */
    private static final long SWEEP_MS = 5_000;
    private final ClientStreams open = new ClientStreams(STREAMS_PER_CLIENT);

    private final Vertx vertx;
    private final long sweeper;

    Streams(Vertx vertx) {
      this.vertx = vertx;
      // a timer of the verticle that listens: it ends with the verticle
      this.sweeper = vertx.setPeriodic(SWEEP_MS, t -> open.sweep());
    }

    void stop() {
      vertx.cancelTimer(sweeper);
    }

    /** The request to serve (wrapped to follow its WebSocket), or null when the client holds too many. */
    HttpServerRequest admit(HttpServerRequest request) {
      if (request.getHeader(HttpForwarder.FORWARDED) != null || request.remoteAddress() == null) {
        return request;
      }
      boolean webSocket = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
      if (!webSocket && !isStream(request)) {
        return request;
      }
      String client = request.remoteAddress().hostAddress();
      HttpServerResponse response = request.response();
      BooleanSupplier answering = () -> !response.ended() && !response.closed();
      if (!webSocket) {
        return open.open(client, answering) ? request : null;
      }
      // Vert.x tells when a WebSocket closes only to the close handler its owner (SockJS) sets, so
      // the route's upgrade is followed: open until the socket says it is closed
      AtomicReference<ServerWebSocket> socket = new AtomicReference<>();
      if (!open.open(client, () -> socket.get() != null ? !socket.get().isClosed() : answering.getAsBoolean())) {
        return null;
      }
      return new HttpServerRequestWrapper((HttpServerRequestInternal) request) {
        @Override
        public Future<ServerWebSocket> toWebSocket() {
          return super.toWebSocket().onSuccess(socket::set);
        }
      };
    }

    private static boolean isStream(HttpServerRequest request) {
      String accept = request.getHeader(HttpHeaders.ACCEPT);
      String path = request.path();
      return accept != null && accept.contains("text/event-stream") || path.startsWith("/api/v1")
        || path.endsWith("/xhr_streaming") || path.endsWith("/eventsource") || path.endsWith("/htmlfile");
    }
  }

  private static void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String message = "the request is not valid HTTP";
    if (cause instanceof TooLongFrameException) {
      boolean line = cause.getMessage() != null && cause.getMessage().contains("line");
      status = line ? 414 : 431;
      message = line ? "the request line is longer than " + MAX_INITIAL_LINE + " bytes"
        : "the request headers are larger than " + MAX_HEADERS + " bytes";
    }
    refuse(request, status, message);
  }

  /** A JSON error, and the connection goes: what else the client sends on it cannot be trusted. */
  private static void refuse(HttpServerRequest request, int status, String message) {
    request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .putHeader(HttpHeaders.CONNECTION, "close").end(new JsonObject().put("message", message).encode())
      .onComplete(done -> request.connection().close());
  }
}
