package io.drover.marathon.events;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Marathon's HTTP callback delivery: every event is POSTed, as the JSON the event stream carries,
 * to every subscribed URL. An event is sent once, never queued: a subscriber that fails or answers
 * slowly is skipped for {@code 2^failures} seconds (at most {@value #MAX_BACKOFF_MS} ms), as
 * Marathon's backoff does, and one that has {@value #MAX_IN_FLIGHT} requests open gets no more until
 * they end, so a callback that hangs or floods back costs a bounded number of connections and never
 * holds up the event stream or another subscriber (each has connections of its own). The response
 * body is not read. Not thread-safe: use it on the scheduler's context.
 */
public final class HttpCallbacks {

  private static final Logger LOG = Logger.getLogger(HttpCallbacks.class.getName());
  /** A request not answered in this time counts as failed (Marathon's event request timeout). */
  public static final long REQUEST_TIMEOUT_MS = 10_000;
  /** Open requests to one subscriber at most; events beyond it are skipped. */
  public static final int MAX_IN_FLIGHT = 8;
  /** The longest a failing subscriber is skipped. */
  public static final long MAX_BACKOFF_MS = 60_000;

  /** One subscriber: its connections, its failures in a row, until when it is skipped, its open requests. */
  private static final class Standing {
    final HttpClient client;
    int failures;
    long skipUntilMs;
    int inFlight;

    Standing(HttpClient client) {
      this.client = client;
    }
  }

  private final Vertx vertx;
  private final Supplier<Collection<String>> subscribers;
  private final LongSupplier clock;
  private final Map<String, Standing> standings = new HashMap<>();
  private Runnable unlisten = () -> { };

  public HttpCallbacks(Vertx vertx, Supplier<Collection<String>> subscribers, LongSupplier clock) {
    this.vertx = vertx;
    this.subscribers = subscribers;
    this.clock = clock;
  }

  /** Follows {@code events} until {@link #close()}. */
  public HttpCallbacks start(EventStream events) {
    unlisten = events.listen(event -> deliver(event.data().encode()));
    return this;
  }

  void deliver(String json) {
    Collection<String> urls = subscribers.get();
    standings.entrySet().removeIf(e -> {
      boolean gone = !urls.contains(e.getKey());
      if (gone) {
        e.getValue().client.close();
      }
      return gone;
    });
    long now = clock.getAsLong();
    Buffer body = Buffer.buffer(json);
    for (String url : List.copyOf(urls)) {
      Standing standing = standings.computeIfAbsent(url, u -> new Standing(vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout((int) REQUEST_TIMEOUT_MS), new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT))));
      if (now < standing.skipUntilMs || standing.inFlight >= MAX_IN_FLIGHT) {
        continue;
      }
      standing.inFlight++;
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .putHeader("Content-Type", "application/json").setTimeout(REQUEST_TIMEOUT_MS);
      standing.client.request(request)
        .compose(r -> r.send(body))
        .map(response -> {
          // the answer's body is of no interest and may be endless: drop the exchange
          response.request().reset();
          return response.statusCode();
        })
        .onComplete(result -> {
          standing.inFlight--;
          if (result.succeeded() && result.result() >= 200 && result.result() < 300) {
            standing.failures = 0;
            standing.skipUntilMs = 0;
          } else {
            standing.failures++;
            long backoff = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(standing.failures, 16));
            standing.skipUntilMs = clock.getAsLong() + backoff;
            LOG.warning("event callback " + url + " failed (" + (result.succeeded() ? "status " + result.result()
              : result.cause().getMessage()) + "); skipping it for " + backoff + " ms");
          }
        });
    }
  }

  /** Failures in a row of a subscriber's deliveries (0 for one that is unknown or well). */
  int failures(String url) {
    Standing standing = standings.get(url);
    return standing == null ? 0 : standing.failures;
  }

  public void close() {
    unlisten.run();
    standings.values().forEach(s -> s.client.close());
    standings.clear();
  }
}
