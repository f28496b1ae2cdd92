package io.drover.it;

import io.drover.common.Addresses;
import io.drover.common.ClusterNode;
import io.drover.common.ZooKeeperSettings;
import io.drover.common.security.ClusterSecurity;
import io.drover.common.security.Credentials;
import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.protocol.AgentCommand;
import io.drover.protocol.AgentEvent;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.AgentRegistration;
import io.drover.protocol.Envelope;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.MasterService;
import io.drover.protocol.Subscribed;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Closed by default: every API of every role wants the token, except the liveness probes; a
 * read-only token reads and changes nothing.
 */
class SecurityIT {

  static final String READ_TOKEN = "read-only-" + java.util.UUID.randomUUID();

  static ClusterFixture cluster;
  static String master;
  static String agent;
  static MarathonClient marathon;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ClusterFixture("security");
    String[] reader = cluster.readToken(READ_TOKEN);
    master = cluster.master("master", reader).url("master");
    agent = cluster.agent("agent", "cpus:2;mem:512;disk:100;ports:[31500-31509]", reader).url("agent");
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon", reader);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRootAgentRunsCommandTasksAndTheirChecksAsNobodyAndRefusesAnAppThatNamesRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "an agent switches users only when it runs as root");
    marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/whoami")
      .put("cmd", "id -un > whoami && touch written-by-the-task && exec sleep 7501").put("cpus", 0.1).put("mem", 16)
      .put("healthChecks", new JsonArray().add(new JsonObject().put("protocol", "COMMAND")
        .put("command", new JsonObject().put("value", "test \"$(id -un)\" = nobody"))
        .put("intervalSeconds", 1).put("gracePeriodSeconds", 30))).encode());
    Await.until("the task runs and its check, run as nobody, passes", Duration.ofSeconds(60), () ->
      marathon.running("whoami").stream().anyMatch(t -> t.getJsonArray("healthCheckResults", new JsonArray())
        .stream().map(JsonObject.class::cast).anyMatch(r -> r.getBoolean("alive", false))));
    Path whoami;
    try (var files = Files.walk(cluster.root().resolve("agent"))) {
      whoami = files.filter(f -> f.getFileName().toString().equals("whoami")).findFirst().orElseThrow();
    }
    assertThat(Files.readString(whoami).strip()).isEqualTo("nobody");
    assertThat(Files.getOwner(whoami.resolveSibling("written-by-the-task")).getName()).isEqualTo("nobody");

    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/as-root\",\"cmd\":\"sleep 7502\",\"user\":\"root\","
      + "\"cpus\":0.1,\"mem\":16}");
    Await.until("the agent refuses a task as root", Duration.ofSeconds(60), () ->
      marathon.app("as-root").getJsonObject("lastTaskFailure", new JsonObject()).getString("message", "")
        .contains("'root' is not allowed on this agent"));
    marathon.expect(200, "DELETE", "/v2/apps/whoami?force=true", null);
    marathon.expect(200, "DELETE", "/v2/apps/as-root?force=true", null);
  }

  @Test
  void aProcessWithoutTheTokenCanNeitherRegisterSubscribeNorCommandOnTheEventBus() throws Exception {
    ZooKeeperSettings zk = new ZooKeeperSettings(cluster.zk(), 2_000, 10_000);
    try (ClusterNode rogue = ClusterNode.join(zk, "127.0.0.1", ClusterSecurity.of(Credentials.none()));
         ClusterNode member = ClusterFixture.member(cluster.zk())) {
      // what a stranger on the bus can learn: agents publish their heartbeats to every consumer
      CompletableFuture<JsonObject> heartbeat = new CompletableFuture<>();
      rogue.vertx().eventBus().<JsonObject>consumer(Addresses.AGENTS, m -> {
        if (m.body() != null && m.body().containsKey("agent_ids")) {
          heartbeat.complete(m.body());
        }
      });
      JsonObject beat = heartbeat.get(30, TimeUnit.SECONDS);
      String nodeId = beat.getString("node_id");
      String agentId = beat.getJsonArray("agent_ids").getString(0);
      long epoch = member.detector().current().orElseThrow().getEpoch();

      Future<?> forgedLaunch = launchDirectly(rogue, nodeId, agentId, epoch, "forged");
      rogue.vertx().eventBus().publish(Addresses.AGENTS, new AgentRegistration(new AgentInfo("rogue-agent", "rogue", 1,
          "rogue-node", Resources.parse("cpus:64;mem:65536"), Attributes.parse("")),
        List.of(), List.of(), List.of(), null).toJson(), Envelope.of(AgentEvent.REGISTER));
      Future<Subscribed> subscribed = MasterService.createProxy(rogue.vertx()).subscribe(FrameworkInfo.named("rogue"));
      // the same launch from a member is answered, so the stranger's was well formed: it went unheard
      launchDirectly(member, nodeId, agentId, epoch, "proven").toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
      assertThat(failure(forgedLaunch)).isInstanceOf(ReplyException.class)
        .satisfies(e -> assertThat(((ReplyException) e).failureType()).isEqualTo(ReplyFailure.TIMEOUT));
      assertThat(failure(subscribed)).isInstanceOf(ReplyException.class)
        .satisfies(e -> assertThat(((ReplyException) e).failureType()).isEqualTo(ReplyFailure.TIMEOUT));
      JsonObject state = new JsonObject(Http.get(master + "/master/state").body());
      assertThat(state.getJsonArray("slaves").encode()).doesNotContain("rogue-agent");
      assertThat(state.getJsonArray("frameworks").encode()).doesNotContain("\"rogue\"");
    }
  }

  private static Throwable failure(Future<?> call) throws Exception {
    return call.toCompletionStage().toCompletableFuture().handle((ok, failed) -> failed).get(30, TimeUnit.SECONDS);
  }

  /** A LAUNCH straight to the agent's process, as only the leading master sends them. */
  private static Future<?> launchDirectly(ClusterNode from, String nodeId, String agentId, long epoch, String taskId) {
    TaskInfo task = TaskInfo.command(taskId + "-" + UUID.randomUUID(), agentId, Resources.parse("cpus:0.01;mem:1"),
      "true").withFrameworkId("directly");
    return from.vertx().eventBus().request(Addresses.node(nodeId), new JsonObject().put("agent_id", agentId)
      .put("tasks", new JsonArray().add(task.toJson()))
      .put("framework", FrameworkInfo.named("directly").withId("directly").toJson()),
      Envelope.of(AgentCommand.LAUNCH, epoch).setSendTimeout(5_000));
  }

  /** What a user reads, one of each kind: JSON APIs, Marathon's, its event stream, an agent's files. */
  private static List<String> readEndpoints() {
    return List.of(master + "/master/state", master + "/metrics/snapshot", agent + "/state",
      agent + "/metrics/snapshot", agent + "/monitor/statistics",
      marathon.url() + "/v2/apps", marathon.url() + "/v2/info", marathon.url() + "/v2/leader",
      marathon.url() + "/metrics");
  }

  @Test
  void livenessProbesNeedNoToken() {
    assertThat(Http.get(master + "/health", null).statusCode()).isEqualTo(200);
    assertThat(Http.get(agent + "/health", null).statusCode()).isEqualTo(200);
    assertThat(Http.get(marathon.url() + "/ping", null).statusCode()).isEqualTo(200);
  }

  @Test
  void noTokenAWrongOneAndOneWrongInTheLastByteAreRefusedWithAJsonReason() {
    String token = DroverProcess.TOKEN;
    String lastByte = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");
    List<String> urls = new java.util.ArrayList<>(readEndpoints());
    // and what streams: a sandbox's files, Marathon's events, a task's output through the master
    urls.addAll(List.of(agent + "/files/browse?path=/", agent + "/files/tail?agent_id=a&task_id=t&file=stdout",
      marathon.url() + "/v2/events", master + "/master/tasks/t/files/stdout"));
    for (String url : urls) {
      for (String authorization : new String[] {null, "Bearer nonsense-token-of-some-length", "Bearer " + lastByte,
        "Bearer", "Basic !!!", "Negotiate " + token}) {
        HttpResponse<String> refused = Http.get(url, authorization);
        assertThat(refused.statusCode()).as(url + " with " + authorization).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"drover\"");
        assertThat(new JsonObject(refused.body()).getString("message")).as(url).isNotBlank();
        assertThat(refused.body()).doesNotContain(token);
      }
    }
  }

  @Test
  void theTokenIsTakenAsMarathonClientsSendIt() {
    String basic = Base64.getEncoder().encodeToString(("ops:" + DroverProcess.TOKEN).getBytes(StandardCharsets.UTF_8));
    for (String authorization : new String[] {"Bearer " + DroverProcess.TOKEN, "bearer " + DroverProcess.TOKEN,
      "token=" + DroverProcess.TOKEN, "Basic " + basic}) {
      assertThat(Http.get(marathon.url() + "/v2/apps", authorization).statusCode()).as(authorization).isEqualTo(200);
      assertThat(Http.get(master + "/master/state", authorization).statusCode()).as(authorization).isEqualTo(200);
    }
  }

  @Test
  void aReadOnlyTokenReadsEverythingAndChangesNothing() {
    for (String url : readEndpoints()) {
      assertThat(Http.get(url, "Bearer " + READ_TOKEN).statusCode()).as(url).isEqualTo(200);
    }
    MarathonClient.Reply refused = marathon.sendAs("Bearer " + READ_TOKEN, "POST", "/v2/apps",
      MarathonApps.app("/forbidden", "sleep 1", 1));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("message")).contains("may only read");
    MarathonClient.Reply anonymous = marathon.sendAs(null, "POST", "/v2/apps", MarathonApps.app("/forbidden", "sleep 1", 1));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(marathon.send("GET", "/v2/apps/forbidden", null).status()).as("nothing was created").isEqualTo(404);
  }
}
