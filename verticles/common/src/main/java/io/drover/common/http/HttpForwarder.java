package io.drover.common.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/**
 * Sends a request on to another node and streams the answer back, event streams included: how a
 * standby reaches its leader, and how a dashboard reaches the leading master and marathon. A target
 * that does not answer gets a 503 with a JSON body.
 */
public final class HttpForwarder {

  /** Marks a forwarded request, so two nodes that disagree about the leader cannot loop. */
  public static final String FORWARDED = "X-Drover-Via";
  /** Connections kept per target; event streams hold theirs for as long as they last. */
  private static final int POOL = 200;
  /** A forwarded request (other than a stream) left unanswered this long fails. */
  private static final long TIMEOUT_MS = 30_000;
  /** Headers that belong to one connection, not to the request: never forwarded. */
  private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "keep-alive",
    "transfer-encoding", "te", "trailer", "upgrade", "expect", "proxy-connection");

  /** How a failed forward is answered (each API has its own error shape). */
  public interface Unreachable {
    void answer(RoutingContext ctx, String message);
  }

  private final HttpClient client;
  private final Unreachable unreachable;

  public HttpForwarder(Vertx vertx, Unreachable unreachable) {
    this.client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(POOL));
    this.unreachable = unreachable;
  }

  public HttpForwarder(Vertx vertx) {
    this(vertx, (ctx, message) -> HttpErrors.end(ctx, 503, message));
  }

  public static boolean wasForwarded(RoutingContext ctx) {
    return ctx.request().getHeader(FORWARDED) != null;
  }

  /**
   * Forwards the request to {@code host:port} as {@code uri}. A {@code stream} (an event stream) has
   * no idle timeout. The body is the one a body handler read, or else the request's own stream.
   */
  public void forward(RoutingContext ctx, String host, int port, String uri, boolean stream) {
    HttpServerRequest incoming = ctx.request();
    RequestOptions options = new RequestOptions().setMethod(incoming.method()).setHost(host).setPort(port)
      .setURI(uri);
    if (!stream) {
      options.setIdleTimeout(TIMEOUT_MS);
    }
    incoming.headers().forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        options.addHeader(name, value);
      }
    });
    options.addHeader(FORWARDED, "1");
    boolean bodyRead = ctx.body().available();
    String length = incoming.getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean bodyToStream = !bodyRead && (length != null && !"0".equals(length)
      || incoming.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true));
    if (bodyToStream) {
      if (length != null) {
        options.putHeader(HttpHeaders.CONTENT_LENGTH, length);
      }
      incoming.pause();
    }
    client.request(options)
      .compose(request -> {
        if (bodyRead) {
          return request.send(ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer());
        }
        return bodyToStream ? request.send(incoming) : request.send();
      })
      .onSuccess(response -> relay(ctx, response))
      .onFailure(e -> {
        if (bodyToStream) {
          incoming.resume();
        }
        if (ctx.response().headWritten()) {
          ctx.response().reset();
        } else if (!ctx.response().closed()) {
          unreachable.answer(ctx, host + ":" + port + " did not answer: " + e.getMessage());
        }
      });
  }

  /** Streams the answer back; a client that left, or an answer cut short, cuts the other side too. */
  private static void relay(RoutingContext ctx, HttpClientResponse response) {
    HttpServerResponse out = ctx.response();
    if (out.closed()) {
      response.request().reset();
      return;
    }
    out.setStatusCode(response.statusCode());
    response.headers().forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        out.putHeader(name, value);
      }
    });
    out.setChunked(true);
    // an event stream never ends by itself: the client leaving must end the upstream connection
    out.closeHandler(v -> response.request().reset());
    // a truncated answer must not look complete: reset rather than end
    response.pipe().endOnFailure(false).to(out).onFailure(e -> out.reset());
  }
}
