package io.drover.common.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** For tests of handlers: a router behind a real HTTP server on a free port, and a client for it. */
public final class RouterServer implements AutoCloseable {

  static final int ANSWER_TIMEOUT_SECONDS = 30;

  /** A response's status and whole body. */
  public record Answer(int status, String body) {
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;

  private RouterServer(Vertx vertx, HttpClient client, int port) {
    this.vertx = vertx;
    this.client = client;
    this.port = port;
  }

  /** Starts a server whose router {@code routes} fills. */
  public static RouterServer start(BiConsumer<Vertx, Router> routes) throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    routes.accept(vertx, router);
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    // one connection per request, so that every answer stands on its own
    return new RouterServer(vertx, vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)), port);
  }

  /** Sends a request with one header (none when {@code header} is null) and waits for the whole answer. */
  public Answer send(HttpMethod method, String path, String header, String value) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    if (header != null) {
      options.putHeader(header, value);
    }
    // the whole exchange on an event loop: chained from this thread, body() could be asked for after
    // the response had already ended, and then never complete (a 10 s timeout in 4 of 6 runs)
    Promise<Answer> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(options).compose(request -> request.send())
      .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())))
      .onComplete(answer));
    return answer.future().toCompletionStage().toCompletableFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
