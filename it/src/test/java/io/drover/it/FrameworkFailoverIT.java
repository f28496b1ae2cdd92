package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A framework that goes away keeps its tasks until its failover timeout, and gets them back if it returns. */
class FrameworkFailoverIT {

  static final Resources SMALL = Resources.parse("cpus:0.1;mem:32");

  static ClusterFixture cluster;
  static DroverProcess agent;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("framework-failover");
    cluster.master("master");
    agent = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]", "--sandbox-gc-delay-ms", "2000");
    cluster.awaitActiveAgents(1);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    cluster.close();
  }

  static long launch(TestFramework framework, String taskId) {
    Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
    framework.call(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command(taskId, offer.getAgentId(), SMALL, "sleep 600")), new Filters(0)));
    return framework.pid(taskId);
  }

  static Optional<JsonObject> framework(String id) {
    return cluster.leaderState().getJsonArray("frameworks").stream().map(JsonObject.class::cast)
      .filter(f -> f.getString("id").equals(id)).findFirst();
  }

  @Test
  void tasksOfAGoneFrameworkRunUntilItsFailoverTimeoutThenAreKilled() throws Exception {
    String id;
    long pid;
    try (TestFramework framework = TestFramework.subscribe(cluster.zk(),
      FrameworkInfo.named("short-lived").withFailoverTimeout(4))) {
      id = framework.driver().frameworkId();
      pid = launch(framework, "orphan");
      framework.disconnect();
      Await.until("the master sees the framework disconnected", Duration.ofSeconds(30),
        () -> framework(id).map(f -> !f.getBoolean("connected")).orElse(false));
      JsonObject disconnected = framework(id).orElseThrow();
      assertThat(disconnected.getJsonArray("tasks").getJsonObject(0).getString("state")).isEqualTo("TASK_RUNNING");

      Await.until("the framework is removed after its failover timeout", Duration.ofSeconds(60),
        () -> framework(id).isEmpty());
      Await.until("its task is killed", Duration.ofSeconds(60), () -> cluster.leaderState()
        .getJsonArray("completed_tasks").stream().map(JsonObject.class::cast)
        .anyMatch(t -> t.getString("id").equals("orphan") && t.getString("state").equals("TASK_KILLED")));
      Await.until("its process is gone", Duration.ofSeconds(30),
        () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
  }

  @Test
  void aFrameworkThatReturnsInTimeFindsItsTasksRunning() {
    FrameworkInfo info = FrameworkInfo.named("returning").withFailoverTimeout(600);
    String id;
    long pid;
    try (TestFramework first = TestFramework.subscribe(cluster.zk(), info)) {
      id = first.driver().frameworkId();
      pid = launch(first, "kept");
      first.disconnect();
      Await.until("the master sees the framework disconnected", Duration.ofSeconds(30),
        () -> framework(id).map(f -> !f.getBoolean("connected")).orElse(false));
    }

    try (TestFramework again = TestFramework.subscribe(cluster.zk(), info.withId(id))) {
      again.call(d -> d.reconcile(List.of("kept")));
      assertThat(again.awaitState("kept", TaskState.TASK_RUNNING).getReason()).isEqualTo(TaskReason.REASON_RECONCILIATION);
      assertThat(framework(id).orElseThrow().getBoolean("connected")).isTrue();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
      again.call(d -> d.teardown());
      Await.until("teardown kills the task", Duration.ofSeconds(60),
        () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
  }

  @Test
  void theSandboxOfAnEndedTaskIsCollectedAfterTheDelay() {
    try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "sandbox-gc")) {
      Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
      framework.call(d -> d.accept(List.of(offer.getId()),
        List.of(TaskInfo.command("short", offer.getAgentId(), SMALL, "echo bye")), new Filters(0)));
      framework.awaitState("short", TaskState.TASK_FINISHED);
      String sandbox = Await.value("the agent lists the sandbox", Duration.ofSeconds(30), () ->
        Http.json(agent.url("agent") + "/state").getJsonArray("completed_tasks").stream().map(JsonObject.class::cast)
          .filter(t -> t.getString("id").equals("short")).map(t -> t.getString("sandbox")).findFirst().orElse(null));
      assertThat(java.nio.file.Files.exists(java.nio.file.Path.of(sandbox, "stdout"))).isTrue();

      Await.until("the sandbox is collected", Duration.ofSeconds(60),
        () -> !java.nio.file.Files.exists(java.nio.file.Path.of(sandbox)));
    }
  }
}
