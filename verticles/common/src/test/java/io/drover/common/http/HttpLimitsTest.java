package io.drover.common.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class HttpLimitsTest {

  @Test
  void onlyAPercentWithTwoHexDigitsIsAnEscape() {
    assertThat(HttpLimits.wellEscaped("/v2/apps/a%2Fb?x=%20")).isTrue();
    assertThat(HttpLimits.wellEscaped("/v2/apps/plain")).isTrue();
    assertThat(HttpLimits.wellEscaped("/v2/apps/%zz")).isFalse();
    assertThat(HttpLimits.wellEscaped("/v2/apps/%2")).isFalse();
    assertThat(HttpLimits.wellEscaped("/v2/apps/%")).isFalse();
    assertThat(HttpLimits.wellEscaped("/x?q=%g0")).isFalse();
  }

  @Test
  void aClientIsForgottenOnceItsLastStreamCloses() {
    ClientStreams streams = new ClientStreams(2);
    List<AtomicBoolean> opened = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      for (int s = 0; s < 2; s++) {
        AtomicBoolean stream = new AtomicBoolean(true);
        assertThat(streams.open("10.0." + i / 256 + "." + i % 256, stream::get)).isTrue();
        opened.add(stream);
      }
    }
    assertThat(streams.open("10.0.0.0", () -> true)).as("a third stream of one client").isFalse();
    assertThat(streams.clients()).isEqualTo(1000);

    // each client closes one of its two: all still hold one
    for (int i = 0; i < opened.size(); i += 2) {
      opened.get(i).set(false);
    }
    streams.sweep();
    assertThat(streams.clients()).isEqualTo(1000);
    AtomicBoolean late = new AtomicBoolean(true);
    assertThat(streams.open("10.0.0.0", late::get)).as("its closed stream no longer counts").isTrue();

    opened.forEach(stream -> stream.set(false));
    streams.sweep();
    assertThat(streams.clients()).as("10.0.0.0 still holds the stream it opened last").isEqualTo(1);
    late.set(false);
    streams.sweep();
    assertThat(streams.clients()).isZero();
  }

  @Test
  void oneClientHoldsAtMost64WebSocketsAndGetsMoreOnceItClosesSome() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int port = HttpLimits.listen(vertx, request -> request.toWebSocket(), 0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100));
      List<WebSocket> sockets = new ArrayList<>();
      for (int i = 0; i < HttpLimits.STREAMS_PER_CLIENT; i++) {
        sockets.add(client.connect(port, "127.0.0.1", "/ws").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS));
      }
      Throwable refused = client.connect(port, "127.0.0.1", "/ws").toCompletionStage().toCompletableFuture()
        .handle((socket, failure) -> failure).get(10, TimeUnit.SECONDS);
      assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(429);

      for (WebSocket socket : sockets.subList(0, 8)) {
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Throwable again;
      do {
        again = client.connect(port, "127.0.0.1", "/ws").toCompletionStage().toCompletableFuture()
          .handle((socket, failure) -> failure).get(10, TimeUnit.SECONDS);
      } while (again != null && System.nanoTime() < deadline);
      assertThat(again).as("a WebSocket once 8 were closed").isNull();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
