package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the {@code /v2} API: a clear 4xx with a JSON body that names the problem, and
 * nothing changed. Needs no agents: nothing here should ever run.
 */
class MarathonApiIT {

  static ClusterFixture cluster;
  static MarathonClient marathon;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("marathon-api");
    cluster.master("master");
    marathon = cluster.leadingMarathon("marathon");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\"                    | 400 | /",
    "{\"id\":\"/x\",,}                                      | 400 | /",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"instances\":\"5\"}  | 422 | /instances",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"cpus\":0}          | 422 | /cpus",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"mem\":0}           | 422 | /mem",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"instances\":-1}    | 422 | /instances",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"portDefinitions\":[{\"port\":70000}]} | 422 | /portDefinitions(0)/port",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"colour\":\"red\"}  | 422 | /colour",
    "{\"id\":\"/a/../x\",\"cmd\":\"sleep 1\"}               | 422 | /id",
    "{\"id\":\"/a//x\",\"cmd\":\"sleep 1\"}                 | 422 | /id",
    "{\"id\":\"/Upper\",\"cmd\":\"sleep 1\"}                | 422 | /id",
    "{\"id\":\"/with space\",\"cmd\":\"sleep 1\"}           | 422 | /id",
  })
  void aBadAppGetsAnErrorNamingWhereAndNothingIsCreated(String body, int status, String path) {
    MarathonClient.Reply reply = marathon.send("POST", "/v2/apps", body.trim());
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    JsonObject error = reply.json();
    assertThat(error.getString("message")).isNotBlank();
    assertThat(MarathonClient.stream(error.getJsonArray("details")).map(d -> d.getString("path")))
      .as(reply.body()).contains(path);
    assertThat(marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps")).isEmpty();
  }

  @Test
  void invalidUtf8DeepNestingAndHugeBodiesAreRefused() {
    byte[] notUtf8 = "{\"id\":\"/x\",\"cmd\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
    notUtf8[notUtf8.length - 3] = (byte) 0xC3;
    assertThat(marathon.sendBytes("POST", "/v2/apps", notUtf8).status()).isEqualTo(400);
    String deep = "[".repeat(100_000);
    MarathonClient.Reply nested = marathon.send("POST", "/v2/apps", deep);
    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.json().getString("message")).isNotBlank();
    String huge = "{\"id\":\"/x\",\"cmd\":\"" + "x".repeat(1_100_000) + "\"}";
    MarathonClient.Reply tooLarge = marathon.send("POST", "/v2/apps", huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().getString("message")).contains("1 MiB");
    String id = "/" + "a".repeat(300);
    assertThat(marathon.send("POST", "/v2/apps", "{\"id\":\"" + id + "\",\"cmd\":\"sleep 1\"}").status()).isEqualTo(422);
    assertThat(marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps")).isEmpty();
  }

  @Test
  void aWriteInAnotherMediaTypeIs415AndChangesNothing() {
    String app = "{\"id\":\"/typed\",\"cmd\":\"sleep 1\",\"instances\":0}";
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
      for (String method : List.of("POST", "PUT")) {
        String path = method.equals("POST") ? "/v2/apps" : "/v2/apps/typed";
        MarathonClient.Reply reply = marathon.sendTyped(type, method, path, app);
        assertThat(reply.status()).as(method + " " + type).isEqualTo(415);
        assertThat(reply.json().getString("message")).contains("Unsupported Media Type");
      }
    }
    assertThat(marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps")).isEmpty();
    // parameters of the JSON type are JSON still
    marathon.expect(201, "POST", "/v2/apps", app.replace("/typed", "/typed-ok"));
    assertThat(marathon.sendTyped("application/json; charset=utf-8", "PUT", "/v2/apps/typed-ok", "{\"instances\":0}")
      .status()).isEqualTo(200);
    marathon.expect(200, "DELETE", "/v2/apps/typed-ok?force=true", null);
    Await.until("the removal of /typed-ok is done", Duration.ofSeconds(30), () -> marathon.deployments().isEmpty());
  }

  @Test
  void aGroupScalesByAFactorRoundedUpAndABadFactorChangesNothing() {
    marathon.expect(201, "POST", "/v2/groups", "{\"id\":\"/scaled\",\"apps\":[{\"id\":\"a\",\"cmd\":\"sleep 1\","
      + "\"cpus\":0.1,\"mem\":16,\"instances\":1},{\"id\":\"b\",\"cmd\":\"sleep 1\",\"cpus\":0.1,\"mem\":16,"
      + "\"instances\":2}]}");
    for (String bad : List.of("{\"scaleBy\":-1}", "{\"scaleBy\":\"2\"}", "{\"scaleBy\":2,\"apps\":[]}")) {
      MarathonClient.Reply reply = marathon.send("PUT", "/v2/groups/scaled?force=true", bad);
      assertThat(reply.status()).as(bad).isEqualTo(422);
      assertThat(MarathonClient.stream(reply.json().getJsonArray("details")).map(d -> d.getString("path")))
        .as(bad).contains("/scaleBy");
    }
    assertThat(marathon.app("scaled/a").getInteger("instances")).isEqualTo(1);
    MarathonClient.Reply scaled = marathon.send("PUT", "/v2/groups/scaled?force=true", "{\"scaleBy\":2.5}");
    assertThat(scaled.status()).isEqualTo(200);
    assertThat(scaled.json().getString("deploymentId")).isEqualTo(scaled.header("Marathon-Deployment-Id"));
    assertThat(marathon.app("scaled/a").getInteger("instances")).isEqualTo(3);
    assertThat(marathon.app("scaled/b").getInteger("instances")).isEqualTo(5);
    assertThat(marathon.send("PUT", "/v2/groups/nowhere", "{\"scaleBy\":2}").status()).isEqualTo(404);
    marathon.expect(200, "DELETE", "/v2/groups/scaled?force=true", null);
    Await.until("the removal of /scaled is done", Duration.ofSeconds(30), () -> marathon.deployments().isEmpty());
  }

  @Test
  void aGroupGoesBackToAnEarlierVersion() {
    String first = marathon.expect(201, "POST", "/v2/groups", "{\"id\":\"/versioned\",\"apps\":[{\"id\":\"a\","
      + "\"cmd\":\"sleep 1\",\"cpus\":0.1,\"mem\":16,\"instances\":0}]}").getString("version");
    marathon.expect(200, "PUT", "/v2/groups/versioned?force=true", "{\"apps\":[{\"id\":\"a\",\"cmd\":\"sleep 2\","
      + "\"cpus\":0.1,\"mem\":16,\"instances\":0},{\"id\":\"b\",\"cmd\":\"sleep 3\",\"cpus\":0.1,\"mem\":16,"
      + "\"instances\":0}]}");
    MarathonClient.Reply listed = marathon.send("GET", "/v2/groups/versioned/versions", null);
    assertThat(listed.status()).isEqualTo(200);
    JsonArray versions = new JsonArray(listed.body());
    assertThat(versions.size()).isGreaterThanOrEqualTo(2);
    assertThat(versions.getString(versions.size() - 1)).as("oldest last").isEqualTo(first);

    MarathonClient.Reply unknown = marathon.send("PUT", "/v2/groups/versioned?force=true",
      "{\"version\":\"2000-01-01T00:00:00.000Z\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(marathon.app("versioned/a").getString("cmd")).isEqualTo("sleep 2");

    MarathonClient.Reply back = marathon.send("PUT", "/v2/groups/versioned?force=true", "{\"version\":\"" + first + "\"}");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.header("Marathon-Deployment-Id")).isEqualTo(back.json().getString("deploymentId"));
    assertThat(marathon.app("versioned/a").getString("cmd")).isEqualTo("sleep 1");
    assertThat(marathon.send("GET", "/v2/apps/versioned/b", null).status()).as("made after that version").isEqualTo(404);
    marathon.expect(200, "DELETE", "/v2/groups/versioned?force=true", null);
    Await.until("the removal of /versioned is done", Duration.ofSeconds(30), () -> marathon.deployments().isEmpty());
  }

  @Test
  void twentyIdenticalPostsAtOnceMakeOneAppAndNineteenConflicts() throws Exception {
    String app = "{\"id\":\"/racy\",\"cmd\":\"sleep 7306\",\"cpus\":0.1,\"mem\":16,\"instances\":0}";
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<CompletableFuture<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        replies.add(CompletableFuture.supplyAsync(() -> marathon.send("POST", "/v2/apps", app).status(), pool));
      }
      List<Integer> statuses = replies.stream().map(CompletableFuture::join).toList();
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    } finally {
      pool.shutdownNow();
    }
    assertThat(marathon.expect(200, "GET", "/v2/apps/racy/versions", null).getJsonArray("versions")).hasSize(1);
    marathon.expect(200, "DELETE", "/v2/apps/racy?force=true", null);
    // the removal is a deployment of its own: the next test expects none
    Await.until("the removal of /racy is done", Duration.ofSeconds(30), () -> marathon.deployments().isEmpty());
  }

  @Test
  void everyErrorIsAJsonObjectAndClientHabitsAreAccepted() {
    for (String path : List.of("/v2/apps/nope", "/v2/nothing-here", "/v2/groups/nope", "/v2/deployments/nope",
      "/v2/pods/nope", "/v2/pods/nope::status")) {
      MarathonClient.Reply reply = marathon.send(path.startsWith("/v2/deployments") ? "DELETE" : "GET", path, null);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.json().getString("message")).as(path).isNotBlank();
    }
    assertThat(new JsonArray(marathon.send("GET", "/v2/pods", null).body())).isEmpty();
    assertThat(marathon.expect(200, "GET", "/v2/plugins", null)).isEqualTo(new JsonObject().put("plugins", new JsonArray()));
    assertThat(new JsonArray(marathon.send("GET", "/v2/deployments", null).body())).isEmpty();
    // what Marathon clients always send: a leading double slash, and fields that change nothing
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"//habits/app\",\"cmd\":\"sleep 7307\",\"cpus\":0.1,"
      + "\"mem\":16,\"instances\":0,\"labels\":{},\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\","
      + "\"forcePullImage\":false,\"privileged\":false}},\"healthChecks\":[{\"protocol\":\"TCP\",\"portIndex\":0,"
      + "\"ignoreHttp1xx\":false}]}");
    marathon.expect(200, "PUT", "/v2/apps//habits/app?force=false", "{\"instances\":0}");
    assertThat(marathon.app("/habits/app").getString("id")).isEqualTo("/habits/app");
    marathon.expect(200, "DELETE", "/v2/apps//habits/app?force=true", null);
  }
}
