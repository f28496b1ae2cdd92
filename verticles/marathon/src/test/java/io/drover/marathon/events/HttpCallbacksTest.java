package io.drover.marathon.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Delivery to real HTTP subscribers on this machine, with the scheduler's clock in the test's hand. */
@ExtendWith(VertxExtension.class)
class HttpCallbacksTest {

  @Test
  void aFailingSubscriberIsSkippedUntilItsBackoffEndsWhileAWorkingOneGetsEveryEvent(Vertx vertx) throws Exception {
    AtomicInteger failing = new AtomicInteger();
    AtomicInteger working = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      boolean fail = request.path().equals("/fail");
      (fail ? failing : working).incrementAndGet();
      request.response().setStatusCode(fail ? 500 : 200).end();
    })).listen(0, "127.0.0.1").await();
    String base = "http://127.0.0.1:" + server.actualPort();
    AtomicLong now = new AtomicLong(1_000_000);
    Context context = vertx.getOrCreateContext();
    EventStream events = new EventStream(10);
    HttpCallbacks callbacks = new HttpCallbacks(vertx, () -> List.of(base + "/fail", base + "/ok"), now::get);
    onContext(context, () -> callbacks.start(events));

    publish(context, events);
    until(() -> working.get() == 1 && onContext(context, () -> callbacks.failures(base + "/fail")) == 1);
    assertThat(failing.get()).isEqualTo(1);

    // within the first backoff (2 s): the failing one is skipped, the working one is not
    publish(context, events);
    until(() -> working.get() == 2);
    assertThat(failing.get()).isEqualTo(1);

    now.addAndGet(2_001);
    publish(context, events);
    until(() -> working.get() == 3 && failing.get() == 2);
    onContext(context, () -> {
      callbacks.close();
      return null;
    });
  }

  private static void publish(Context context, EventStream events) throws Exception {
    onContext(context, () -> events.publish("status_update_event", new JsonObject().put("appId", "/web")));
  }

  private static <T> T onContext(Context context, Callable<T> action) throws Exception {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(action.call());
      } catch (Exception e) {
        promise.fail(e);
      }
    });
    return promise.future().await();
  }

  /** Polls a condition until it holds, for at most 10 s. */
  private static void until(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("waited 10 s for the condition").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
