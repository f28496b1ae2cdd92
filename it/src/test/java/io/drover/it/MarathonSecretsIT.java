package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MasterState;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marathon's secrets on real processes: an app's variable holds a secret the agent reads from its
 * {@code --secrets-dir} at launch, and the value shows nowhere else; a secret the agent lacks fails
 * the task with a reason; a variable naming an undefined secret is refused before anything runs.
 */
class MarathonSecretsIT {

  static final String VALUE = "s3cr3t-" + System.nanoTime();
  static final Duration DEPLOY = Duration.ofSeconds(90);

  static ClusterFixture cluster;
  static DroverProcess agent;
  static MarathonClient marathon;

  @BeforeAll
  static void start() throws Exception {
    cluster = new ClusterFixture("marathon-secrets");
    Path secrets = Files.createDirectories(cluster.root().resolve("secrets/db"));
    Files.writeString(secrets.resolve("password"), VALUE);
    cluster.master("master");
    agent = cluster.agent("agent", "cpus:2;mem:1024;disk:1000;ports:[31000-31010]",
      "--secrets-dir", cluster.root().resolve("secrets").toString());
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aVariableHoldsTheSecretTheAgentReadsAndItsValueShowsNowhereElse() throws Exception {
    // the task runs on only if the variable holds the value, and its check reads it too; both compare
    // digests, so the value itself is in no definition
    String holdsIt = "[ $(printf %s \\\"$DB_PASSWORD\\\" | sha256sum | cut -c1-64) = " + sha256(VALUE) + " ]";
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/with-secret\",\"cmd\":\"" + holdsIt
      + " && sleep 7401\",\"cpus\":0.1,\"mem\":32,\"env\":{\"DB_PASSWORD\":{\"secret\":\"db\"}},"
      + "\"secrets\":{\"db\":{\"source\":\"/db/password\"}},\"healthChecks\":[{\"protocol\":\"COMMAND\","
      + "\"command\":{\"value\":\"" + holdsIt + "\"},\"gracePeriodSeconds\":0,"
      + "\"intervalSeconds\":1,\"maxConsecutiveFailures\":0}],"
      // Marathon's default replaces (and kills) an unreachable task at once: the task must outlast an
      // agent restart slower than the fast fixture's missed pings
      + "\"unreachableStrategy\":{\"inactiveAfterSeconds\":300,\"expungeAfterSeconds\":600}}");
    try {
      Await.until("the task runs and its check passes with the secret", DEPLOY,
        () -> marathon.app("with-secret").getInteger("tasksHealthy") == 1);
      JsonObject app = marathon.app("with-secret");
      assertThat(app.getJsonObject("env").getJsonObject("DB_PASSWORD").getString("secret")).isEqualTo("db");
      assertThat(app.getJsonObject("secrets").getJsonObject("db").getString("source")).isEqualTo("/db/password");
      assertThat(app.encode()).doesNotContain(VALUE);
      assertThat(Http.get(cluster.leaderUrl().orElseThrow() + "/master/state").body()).doesNotContain(VALUE);
      assertThat(marathon.send("GET", "/v2/tasks", null).body()).doesNotContain(VALUE);

      // after a kill -9 of the agent, its recovered task's check reads the secret again
      String taskId = marathon.running("with-secret").get(0).getString("id");
      double restartedAt = System.currentTimeMillis() / 1000.0;
      agent.kill9();
      agent = cluster.restart(agent);
      JsonObject checked = Await.value("the recovered task is checked again", DEPLOY, () -> {
        JsonObject latest = latestStatus(taskId);
        return latest != null && latest.getDouble("timestamp") > restartedAt && latest.getValue("healthy") != null
          ? latest : null;
      });
      assertThat(checked.getBoolean("healthy")).as(checked.encode()).isTrue();
    } finally {
      marathon.send("DELETE", "/v2/apps/with-secret?force=true", null);
    }
  }

  /** The leading master's newest status of the task, or null while it does not list it. */
  private static JsonObject latestStatus(String taskId) {
    return MasterState.taskIn(cluster.leaderState(), taskId)
      .map(task -> task.getJsonArray("statuses").getJsonObject(task.getJsonArray("statuses").size() - 1))
      .orElse(null);
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSecretTheAgentLacksFailsTheTaskSayingWhich() {
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/lacking\",\"cmd\":\"sleep 7402\",\"cpus\":0.1,\"mem\":32,"
      + "\"env\":{\"TOKEN\":{\"secret\":\"t\"}},\"secrets\":{\"t\":{\"source\":\"api/token\"}}}");
    try {
      String failure = Await.value("the launch fails", DEPLOY, () -> {
        JsonObject last = marathon.send("GET", "/v2/apps/lacking?embed=app.lastTaskFailure", null).json()
          .getJsonObject("app").getJsonObject("lastTaskFailure");
        return last == null ? null : last.getString("state") + ": " + last.getString("message");
      });
      assertThat(failure).isEqualTo("TASK_FAILED: secret 'api/token' of TOKEN: no such secret on this agent");
    } finally {
      marathon.send("DELETE", "/v2/apps/lacking?force=true", null);
    }
  }

  @Test
  void aVariableNamingAnUndefinedSecretIsRefusedAndNothingIsWritten() {
    MarathonClient.Reply refused = marathon.send("POST", "/v2/apps", "{\"id\":\"/undefined\",\"cmd\":\"sleep 1\","
      + "\"env\":{\"TOKEN\":{\"secret\":\"nope\"}}}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("details").getJsonObject(0).getString("path")).isEqualTo("/env/TOKEN/secret");
    assertThat(refused.body()).contains("references an undefined secret named 'nope'");
    assertThat(marathon.send("GET", "/v2/apps/undefined", null).status()).isEqualTo(404);
  }
}
