package io.drover.common.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /ready} follows its checks both ways; {@code /health} does not depend on them. */
class ProbesTest {

  static final AtomicBoolean connected = new AtomicBoolean(true);
  static Vertx vertx;
  static HttpClient client;
  static int port;

  @TempDir
  static Path workDir;

  record Answer(int status, JsonObject body) {
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    Probes.mount(vertx, router, workDir.resolve("not-made-yet"), List.of(Probes.zooKeeper(connected::get)));
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
      .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Answer get(String path) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
      .setURI(path);
    Promise<Answer> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(options).compose(request -> request.send())
      .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toJsonObject())))
      .onComplete(answer));
    return answer.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void readinessFollowsItsChecksAndLivenessDoesNot() throws Exception {
    connected.set(true);
    Answer ready = get("/ready");
    assertThat(ready.status()).as(ready.body().encode()).isEqualTo(200);
    assertThat(ready.body().getString("status")).isEqualTo("UP");
    assertThat(ready.body().getJsonArray("checks")).extracting(c -> ((JsonObject) c).getString("id"))
      .containsExactlyInAnyOrder("zookeeper", "disk");

    connected.set(false);
    Answer unready = get("/ready");
    assertThat(unready.status()).isEqualTo(503);
    JsonObject zookeeper = unready.body().getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("id").equals("zookeeper")).findFirst().orElseThrow();
    assertThat(zookeeper.getString("status")).isEqualTo("DOWN");
    assertThat(zookeeper.getJsonObject("data").getString("reason")).contains("no ZooKeeper session");
    assertThat(get("/health").status()).as("a restart cures no ZooKeeper outage").isEqualTo(200);

    connected.set(true);
    assertThat(get("/ready").status()).isEqualTo(200);
  }

  @Test
  void aWorkDirectoryThatDoesNotExistYetIsJudgedByItsParentsDisk() {
    assertThat(Probes.diskProblem(workDir.resolve("a/b/c"))).isNull();
  }
}
