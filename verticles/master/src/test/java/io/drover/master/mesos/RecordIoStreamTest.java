package io.drover.master.mesos;

import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIoStream;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RecordIoStreamTest {

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aSubscriberThatStopsReadingIsDroppedOnceItsBacklogIsFull() throws Exception {
    AtomicInteger closings = new AtomicInteger();
    Promise<Integer> sentBeforeDropped = Promise.promise();
    // one record of 64 KiB: the backlog fills after about 128 of them, plus what the socket buffers hold
    Event big = Event.newBuilder().setType(Event.Type.FRAMEWORK_REMOVED).setFrameworkRemoved(
      Event.FrameworkRemoved.newBuilder().setFrameworkInfo(org.apache.mesos.v1.Protos.FrameworkInfo.newBuilder()
        .setUser("u").setName("x".repeat(64 * 1024)))).build();
    Context context = vertx.getOrCreateContext();
    Promise<HttpServer> listening = Promise.promise();
    context.runOnContext(x -> vertx.createHttpServer().requestHandler(request -> {
      RecordIoStream stream = new RecordIoStream(request.response(), MediaType.JSON, "a slow reader",
        closings::incrementAndGet);
      stream.open(Map.of());
      sendUntilDropped(stream, big, 0, sentBeforeDropped);
    }).listen(0, "127.0.0.1").onComplete(listening));
    int port = listening.future().await().actualPort();

    try (Socket reader = new Socket("127.0.0.1", port)) {
      OutputStream out = reader.getOutputStream();
      out.write(("POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
      out.flush();
      // and never read a byte
      int sent = sentBeforeDropped.future().await(60, TimeUnit.SECONDS);
      assertThat((long) sent * 64 * 1024).isGreaterThanOrEqualTo(RecordIoStream.MAX_BACKLOG_BYTES);
      assertThat(closings).hasValue(1);
    }
  }

  /** One event per turn of the event loop, so the connection gets to write what it can between them. */
  private void sendUntilDropped(RecordIoStream stream, Event event, int sent, Promise<Integer> dropped) {
    if (!stream.send(event)) {
      dropped.complete(stream.isOpen() ? -1 : sent);
      return;
    }
    vertx.runOnContext(v -> sendUntilDropped(stream, event, sent + 1, dropped));
  }
}
