package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.PrivateRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marathon's {@code pullConfig} on real processes against a real private registry that wants basic
 * auth: the agent pulls the pushed image with the Docker config.json of a secret in its
 * {@code --secrets-dir}; with wrong credentials, or none, the registry refuses the pull, and the
 * failure says so without a password in it.
 */
class DockerPullConfigIT {

  static final String USER = "drover";
  static final String PASSWORD = "right-" + System.nanoTime();
  static final String WRONG_PASSWORD = "wrong-" + System.nanoTime();
  static final Duration LAUNCH = Duration.ofSeconds(90);

  static ClusterFixture cluster;
  static PrivateRegistry registry;
  static DroverProcess master;
  static DroverProcess agent;
  static MarathonClient marathon;
  /** The pushed image, only in the registry. */
  static String image;

  @BeforeAll
  static void start() throws Exception {
    Docker.require();
    PrivateRegistry.require();
    cluster = new ClusterFixture("docker-pull-config");
    registry = PrivateRegistry.start(cluster.root().resolve("registry"), USER, PASSWORD);
    image = registry.host() + "/drover/private:1";
    registry.push(Docker.IMAGE, image, USER, PASSWORD);
    Path secrets = Files.createDirectories(cluster.root().resolve("secrets/registry"));
    Files.writeString(secrets.resolve("right"), registry.dockerConfig(USER, PASSWORD));
    Files.writeString(secrets.resolve("wrong"), registry.dockerConfig(USER, WRONG_PASSWORD));
    master = cluster.master("master");
    agent = cluster.agent("agent", "cpus:2;mem:1024;disk:1000;ports:[31000-31010]", "--docker-allow", "host-network",
      "--secrets-dir", cluster.root().resolve("secrets").toString());
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (registry != null) {
        registry.close();
        Docker.command("rmi", "--force", image);
      }
    }
  }

  /** Each test pulls: a copy left by the one before would let a launch skip the registry. */
  @BeforeEach
  void withoutALocalCopy() throws Exception {
    Docker.command("rmi", "--force", image);
  }

  @Test
  void theRightCredentialsPullThePrivateImageAndTheTaskRuns() throws Exception {
    marathon.expect(201, "POST", "/v2/apps", app("/pulled", "/registry/right"));
    String taskId = null;
    try {
      marathon.awaitRunning("pulled", 1);
      taskId = marathon.running("pulled").get(0).getString("id");
      assertThat(Docker.command("image", "inspect", image).code()).as("the image was pulled").isZero();
      JsonObject app = marathon.app("pulled");
      assertThat(app.getJsonObject("container").getJsonObject("docker").getJsonObject("pullConfig"))
        .isEqualTo(new JsonObject().put("secret", "pull"));
      assertThat(app.encode()).doesNotContain(PASSWORD);
    } finally {
      marathon.send("DELETE", "/v2/apps/pulled?force=true", null);
      if (taskId != null) {
        awaitContainerGone(taskId);
      }
    }
    assertNoPasswordLogged();
  }

  @Test
  void wrongCredentialsFailTheTaskWithTheRegistrysRefusalButNoPassword() {
    marathon.expect(201, "POST", "/v2/apps", app("/refused", "registry/wrong"));
    try {
      String failure = lastFailure("refused");
      assertThat(failure).startsWith("TASK_FAILED: could not pull image " + image + ": ")
        .contains("unauthorized: authentication required").doesNotContain(WRONG_PASSWORD);
    } finally {
      marathon.send("DELETE", "/v2/apps/refused?force=true", null);
    }
    assertNoPasswordLogged();
  }

  @Test
  void withoutAPullConfigTheRegistryWantsCredentials() {
    marathon.expect(201, "POST", "/v2/apps", app("/anonymous", null));
    try {
      assertThat(lastFailure("anonymous")).startsWith("TASK_FAILED: could not pull image " + image + ": ")
        .contains("no basic auth credentials");
    } finally {
      marathon.send("DELETE", "/v2/apps/anonymous?force=true", null);
    }
  }

  @Test
  void aPullConfigTheAgentLacksFailsTheTaskNamingTheSecret() {
    marathon.expect(201, "POST", "/v2/apps", app("/lacking", "registry/absent"));
    try {
      assertThat(lastFailure("lacking")).isEqualTo("TASK_FAILED: secret 'registry/absent' of the pull config of image "
        + image + ": no such secret on this agent");
    } finally {
      marathon.send("DELETE", "/v2/apps/lacking?force=true", null);
    }
  }

  /** A Docker app of the private image, pulled with the config.json of the agent's secret {@code source} (null: none). */
  private static String app(String id, String source) {
    String secrets = source == null ? "" : ",\"secrets\":{\"pull\":{\"source\":\"" + source + "\"}}";
    String pullConfig = source == null ? "" : ",\"pullConfig\":{\"secret\":\"pull\"}";
    return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 7501\",\"cpus\":0.1,\"mem\":32" + secrets
      + ",\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + image + "\",\"network\":\"HOST\""
      + pullConfig + "}}}";
  }

  /** Containers outlive the agent: one still stopping when the cluster closes would be left running. */
  private static void awaitContainerGone(String taskId) {
    Await.until("the container of " + taskId + " is gone", LAUNCH,
      () -> Docker.containers("label=drover.task=" + taskId).isEmpty());
  }

  /** The state and message of the app's last failed task, once there is one. */
  private static String lastFailure(String id) {
    return Await.value(id + "'s launch fails", LAUNCH, () -> {
      JsonObject last = marathon.send("GET", "/v2/apps/" + id + "?embed=app.lastTaskFailure", null).json()
        .getJsonObject("app").getJsonObject("lastTaskFailure");
      return last == null ? null : last.getString("state") + ": " + last.getString("message");
    });
  }

  /** Neither password shows in the logs of the processes the pull config passed, in clear or as config.json has it. */
  private static void assertNoPasswordLogged() {
    for (DroverProcess process : new DroverProcess[] {master, agent}) {
      for (String password : new String[] {PASSWORD, WRONG_PASSWORD}) {
        String auth = new JsonObject(registry.dockerConfig(USER, password)).getJsonObject("auths")
          .getJsonObject(registry.host()).getString("auth");
        assertThat(process.output()).as(process + "'s log").doesNotContain(password).doesNotContain(auth);
      }
    }
  }
}
