package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.MarathonClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A Marathon app of a Docker container (the local busybox test image) on the real engine. */
class MarathonDockerIT {

  static ClusterFixture cluster;
  static MarathonClient marathon;

  @BeforeAll
  static void start() throws Exception {
    Docker.require();
    cluster = new ClusterFixture("marathon-docker");
    cluster.master("master");
    cluster.agent("agent", "cpus:2;mem:1024;disk:1000;ports:[31000-31010]", "--docker-allow", "host-network");
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
}
