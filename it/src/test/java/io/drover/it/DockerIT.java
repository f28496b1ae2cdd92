package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker tasks on the real engine, with the local test image {@code drover/busybox:latest} that
 * {@code scripts/test.sh} builds. Where no engine answers the suite is skipped and says so, except
 * where it must run (CI, or {@code DROVER_DOCKER_TESTS=run}): there it fails.
 */
class DockerIT {

  static final Resources LIMITS = Resources.parse("cpus:0.5;mem:64");

  static ClusterFixture cluster;
  static DroverProcess agent;
  static TestFramework framework;

  @BeforeAll
  static void start() throws Exception {
    Docker.require();
    cluster = new ClusterFixture("docker");
    cluster.master("master");
    agent = cluster.agent("agent", "cpus:2;mem:1024;disk:1000;ports:[31000-31010]");
    cluster.awaitActiveAgents(1);
    assertThat(Http.json(agent.url("agent") + "/state").getJsonArray("containerizers")).contains("docker");
    framework = TestFramework.subscribe(cluster.zk(), "docker-it");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (framework != null) {
      framework.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static String containerId(String taskId) {
    return framework.awaitState(taskId, TaskState.TASK_RUNNING).getMessage().replace("container ", "").trim();
  }

  static void launch(TaskInfo... tasks) {
    Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
    // the tasks name no agent: the master places them on the offer's
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(tasks), new Filters(0)));
  }

  @Test
  void aContainerRunsWithinItsLimitsAndIsKilledWithinItsGracePeriod() throws Exception {
    launch(TaskInfo.docker("boxed", null, LIMITS, ContainerInfo.docker(Docker.IMAGE),
      "echo hello-from-container; exec sleep 600").withKillGracePeriod(2));
    String id = containerId("boxed");

    JsonObject inspect = new JsonArray(Docker.command("inspect", id).output()).getJsonObject(0);
    assertThat(inspect.getJsonObject("HostConfig").getLong("Memory")).isEqualTo(64L << 20);
    assertThat(inspect.getJsonObject("HostConfig").getLong("NanoCpus")).isEqualTo(500_000_000L);
    assertThat(inspect.getJsonObject("Config").getJsonObject("Labels").getString("drover.task")).isEqualTo("boxed");
    String sandbox = inspect.getJsonObject("HostConfig").getJsonArray("Binds").getString(0).split(":")[0];
    Await.until("the container's output is readable through the files API", Duration.ofSeconds(30), () ->
      Http.json(agent.url("agent") + "/files/read?path=" + sandbox + "/stdout&offset=0").getString("data")
        .contains("hello-from-container"));

    long killedAt = System.nanoTime();
    framework.call(d -> d.kill("boxed"));
    framework.awaitState("boxed", TaskState.TASK_KILLED);
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    System.out.printf("docker kill: TASK_KILLED %.2f s after the kill (grace 2 s)%n", seconds);
    assertThat(seconds).isLessThan(2 + 10);
    Await.until("the container is removed", Duration.ofSeconds(30), () -> {
      try {
        return Docker.command("inspect", id).code() != 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void exitCodesAndMissingImagesBecomeTaskStates() {
    launch(TaskInfo.docker("zero", null, LIMITS, ContainerInfo.docker(Docker.IMAGE), "true"),
      TaskInfo.docker("three", null, LIMITS, ContainerInfo.docker(Docker.IMAGE), "exit 3"),
      TaskInfo.docker("nowhere", null, LIMITS, ContainerInfo.docker("drover/no-such-image:1"), "true"));

    framework.awaitState("zero", TaskState.TASK_FINISHED);
    assertThat(framework.awaitState("three", TaskState.TASK_FAILED).getMessage()).contains("exited with status 3");
    TaskStatus missing = framework.awaitState("nowhere", TaskState.TASK_FAILED);
    assertThat(missing.getMessage()).contains("could not pull image drover/no-such-image:1");
  }

  @Test
  void privilegesHostNetworkVolumesAndParametersAreRefusedUnlessTheAgentAllowsThem() {
    ContainerInfo plain = ContainerInfo.docker(Docker.IMAGE);
    launch(TaskInfo.docker("host-network", null, LIMITS, plain.withNetwork(ContainerInfo.Network.HOST, List.of()), "true"),
TaskInfo.docker("privileged", null, LIMITS, plain.withExtras(true, List.of(), List.of()), "true"),
      TaskInfo.docker("volume", null, LIMITS, plain.withExtras(false,
        List.of(new ContainerInfo.Volume("/host", "/", false)), List.of()), "true"),
      TaskInfo.docker("parameter", null, LIMITS, plain.withExtras(false, List.of(),
        List.of(new ContainerInfo.Parameter("user", "nobody"))), "true"));

    assertThat(framework.awaitState("host-network", TaskState.TASK_FAILED).getMessage()).contains("host's network is not allowed");
    assertThat(framework.awaitState("privileged", TaskState.TASK_FAILED).getMessage()).contains("privileged containers are not allowed");
    assertThat(framework.awaitState("volume", TaskState.TASK_FAILED).getMessage()).contains("host volumes are not allowed");
    assertThat(framework.awaitState("parameter", TaskState.TASK_FAILED).getMessage()).contains("parameters are not allowed");
  }

  @Test
  void bridgedContainersGetTheirOfferedHostPorts() throws Exception {
    Resources withPort = LIMITS.plus(Resources.parse("ports:[31005-31005]"));
    launch(TaskInfo.docker("bridged", null, withPort, ContainerInfo.docker(Docker.IMAGE).withNetwork(
      ContainerInfo.Network.BRIDGE, List.of(new ContainerInfo.PortMapping(31005, 8080, "tcp"))), "exec sleep 600"));
    String id = containerId("bridged");

    JsonObject bindings = new JsonArray(Docker.command("inspect", id).output()).getJsonObject(0).getJsonObject("HostConfig")
      .getJsonObject("PortBindings");
    assertThat(bindings.getJsonArray("8080/tcp").getJsonObject(0).getString("HostPort")).isEqualTo("31005");
    framework.call(d -> d.kill("bridged"));
    framework.awaitState("bridged", TaskState.TASK_KILLED);
  }
}
