package io.drover.common.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
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
    RequestOptions options = new RequestOptions().setMethod(ctx.request().method()).setHost(host).setPort(port)
      .setURI(uri);
    if (!stream) {
      options.setIdleTimeout(TIMEOUT_MS);
    }
    ctx.request().headers().forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        options.addHeader(name, value);
      }
    });
    options.addHeader(FORWARDED, "1");
    boolean bodyRead = ctx.body().available();
    if (!bodyRead) {
      ctx.request().pause();
    }
    client.request(options)
      .compose(request -> {
        Future<HttpClientResponse> sent;
        if (bodyRead) {
          sent = request.send(ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer());
        } else {
          sent = request.send(ctx.request());
        }
        return sent;
      })
      .onSuccess(response -> {
        ctx.response().setStatusCode(response.statusCode());
        response.headers().forEach((name, value) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
            ctx.response().putHeader(name, value);
          }
        });
        ctx.response().setChunked(true);
        // a client that leaves takes the upstream connection with it (an event stream never ends)
        ctx.response().closeHandler(v -> response.request().reset());
        response.pipeTo(ctx.response());
      })
      .onFailure(e -> {
        if (!ctx.response().headWritten()) {
          unreachable.answer(ctx, host + ":" + port + " did not answer: " + e.getMessage());
        }
      });
  }
}
