package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MasterState;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A Marathon app of a Docker container (the local busybox test image) on the real engine. */
class MarathonDockerIT {

  static ClusterFixture cluster;
  static MarathonClient marathon;
  static String agentId;

  @BeforeAll
  static void start() throws Exception {
    Docker.require();
    cluster = new ClusterFixture("marathon-docker");
    cluster.master("master");
    cluster.agent("agent", "cpus:2;mem:1024;disk:1000;ports:[31000-31010]", "--docker-allow", "host-network");
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon");
    agentId = cluster.leaderState().getJsonArray("slaves").getJsonObject(0).getString("id");
  }

  /** No test leaves a container behind: one the agent has not removed when it stops outlives the run. */
  @AfterEach
  void deleteTheAppsAndAwaitTheirContainersGone() {
    MarathonClient.stream(marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps"))
      .forEach(app -> marathon.send("DELETE", "/v2/apps" + app.getString("id") + "?force=true", null));
    Await.until("the agent's containers are gone", Duration.ofSeconds(60),
      () -> Docker.containers("label=drover.agent=" + agentId).isEmpty());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aDockerAppRunsAsAContainerAndStopsWithIt() throws Exception {
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/boxed\",\"cmd\":\"sleep 7304\",\"cpus\":0.1,\"mem\":32,"
      + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + Docker.IMAGE + "\",\"network\":\"HOST\","
      + "\"forcePullImage\":false,\"privileged\":false,\"parameters\":[]}},\"labels\":{}}");
    marathon.awaitRunning("boxed", 1);
    String taskId = marathon.running("boxed").get(0).getString("id");
    String container = Docker.command("ps", "-q", "--filter", "label=drover.task=" + taskId).output().trim();
    assertThat(container).as("a running container labelled with the task").isNotEmpty();
    assertThat(Docker.command("inspect", "--format", "{{.Config.Image}} {{.Config.Cmd}}", container).output())
      .contains(Docker.IMAGE).contains("sleep 7304");

    marathon.expect(200, "DELETE", "/v2/apps/boxed", null);
    Await.until("the container is gone", Duration.ofSeconds(60), () -> {
      try {
        return Docker.command("ps", "-q", "--filter", "label=drover.task=" + taskId).output().isBlank();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void aCommandHealthCheckOfADockerAppRunsInsideItsContainer() throws Exception {
    String flag = "/tmp/drover-inside-" + ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999);
    // the file exists only in the container: a check run on the host (or in the sandbox) would fail
    marathon.expect(201, "POST", "/v2/apps", dockerApp("/checked-inside", "echo inside > " + flag + " && sleep 7306",
      "test -f " + flag));
    marathon.expect(201, "POST", "/v2/apps", dockerApp("/failing-inside", "sleep 7307", "test -f " + flag + "-absent"));
    Await.until("the check passes inside the container", Duration.ofSeconds(90),
      () -> marathon.app("checked-inside").getInteger("tasksHealthy") == 1);
    assertThat(Path.of(flag)).as("the flag is not on the host").doesNotExist();
    Await.until("a check that fails inside the container marks its task unhealthy", Duration.ofSeconds(90),
      () -> marathon.app("failing-inside").getInteger("tasksUnhealthy") >= 1);
    assertThat(marathon.app("checked-inside").getInteger("tasksUnhealthy")).isZero();
  }

  @Test
  void aContainerOnAUserNetworkReportsItsOwnAddressAndIsCheckedThere() throws Exception {
    String network = "drover-it-" + ThreadLocalRandom.current().nextLong(100_000, 999_999);
    assertThat(Docker.command("network", "create", network).code()).isZero();
    try {
      String subnet = Docker.command("network", "inspect", "--format", "{{(index .IPAM.Config 0).Subnet}}", network)
        .output().trim();
      String[] octets = subnet.split("\\.");
      String prefix = octets[0] + "." + octets[1] + ".";
      // a TCP server on the container's own port 8080, which no port of the agent leads to: the
      // scheduler's check reaches it at the container's address, as Marathon's does
      marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/networked\","
        + "\"cmd\":\"exec /bin/busybox nc -ll -p 8080 -e /bin/true\",\"cpus\":0.1,\"mem\":32,"
        + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + Docker.IMAGE + "\"},"
        + "\"portMappings\":[{\"containerPort\":8080,\"name\":\"web\"}]},"
        + "\"networks\":[{\"mode\":\"container\",\"name\":\"" + network + "\"}],"
        + "\"healthChecks\":[{\"protocol\":\"TCP\",\"portIndex\":0,\"gracePeriodSeconds\":0,"
        + "\"intervalSeconds\":1,\"timeoutSeconds\":2,\"maxConsecutiveFailures\":0}]}");
      marathon.awaitRunning("networked", 1);
      JsonObject task = Await.value("the task reports its address", Duration.ofSeconds(30), () -> {
        JsonObject running = marathon.running("networked").get(0);
        return running.getJsonArray("ipAddresses").isEmpty() ? null : running;
      });
      String ip = task.getJsonArray("ipAddresses").getJsonObject(0).getString("ipAddress");
      assertThat(ip).as("an address of " + subnet).startsWith(prefix);
      assertThat(task.getJsonArray("ports")).as("no host port: the mapping asks for none").isEmpty();
      String container = Docker.command("ps", "-q", "--filter", "label=drover.task=" + task.getString("id")).output().trim();
      assertThat(Docker.command("inspect", "--format", "{{(index .NetworkSettings.Networks \"" + network
        + "\").IPAddress}}", container).output().trim()).isEqualTo(ip);
      // mesos-dns reads the same address, and the network's name, from the master's state
      JsonObject status = MasterState.task(cluster.leaderState(), task.getString("id"))
        .getJsonArray("statuses").stream().map(JsonObject.class::cast)
        .filter(s -> "TASK_RUNNING".equals(s.getString("state"))).findFirst().orElseThrow();
      JsonObject networkInfo = status.getJsonObject("container_status").getJsonArray("network_infos").getJsonObject(0);
      assertThat(networkInfo.getString("name")).isEqualTo(network);
      assertThat(networkInfo.getJsonArray("ip_addresses").getJsonObject(0).getString("ip_address")).isEqualTo(ip);
      Await.until("the check reaches the container's own port", Duration.ofSeconds(60),
        () -> marathon.app("networked").getInteger("tasksHealthy") == 1);
    } finally {
      marathon.send("DELETE", "/v2/apps/networked?force=true", null);
      Await.until("the app's container is gone", Duration.ofSeconds(60),
        () -> Docker.containers("network=" + network).isEmpty());
      Docker.command("network", "rm", network);
    }
  }

  @Test
  void aDockerAppWithTtyGetsATerminal() throws Exception {
    // the command runs on only where its output is a terminal
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/terminal\",\"cmd\":\"[ -t 1 ] && sleep 7309\",\"cpus\":0.1,"
      + "\"mem\":32,\"tty\":true,\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + Docker.IMAGE + "\","
      + "\"network\":\"HOST\"}}}");
    marathon.awaitRunning("terminal", 1);
    String taskId = marathon.running("terminal").get(0).getString("id");
    String container = Docker.command("ps", "-q", "--filter", "label=drover.task=" + taskId).output().trim();
    assertThat(Docker.command("inspect", "--format", "{{.Config.Tty}}", container).output().trim()).isEqualTo("true");
    assertThat(marathon.app("terminal").getBoolean("tty")).isTrue();
  }

  private static String dockerApp(String id, String cmd, String check) {
    return "{\"id\":\"" + id + "\",\"cmd\":\"" + cmd + "\",\"cpus\":0.1,\"mem\":32,"
      + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + Docker.IMAGE + "\",\"network\":\"HOST\"}},"
      + "\"healthChecks\":[{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"" + check + "\"},"
      // maxConsecutiveFailures 0: Marathon never kills for it, so the verdict stays to be seen
      + "\"gracePeriodSeconds\":0,\"intervalSeconds\":1,\"timeoutSeconds\":5,\"maxConsecutiveFailures\":0}]}";
  }
}
