package io.drover.common.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /ready} follows its checks both ways; {@code /health} does not depend on them. */
class ProbesTest {

  static final AtomicBoolean connected = new AtomicBoolean(true);
  static RouterServer server;

  @TempDir
  static Path workDir;

  record Answer(int status, JsonObject body) {
  }

  @BeforeAll
  static void start() throws Exception {
    server = RouterServer.start((vertx, router) -> Probes.mount(vertx, router, workDir.resolve("not-made-yet"),
      List.of(Probes.zooKeeper(connected::get))));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Answer get(String path) throws Exception {
    RouterServer.Answer answer = server.send(HttpMethod.GET, path, null, null);
    return new Answer(answer.status(), new JsonObject(answer.body()));
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
