package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emulated agents ({@code drover agent --emulate N}) through the same doors as real ones: a master
 * admits each with its own id and hostname, a framework's tasks on them go through the real states,
 * updates and acknowledgements, Marathon spreads an app over them, and a killed and restarted process
 * takes its tasks back from its checkpoints.
 */
class EmulatedAgentIT extends AgentProtocolContract {

  static final int AGENTS = 40;

  static ClusterFixture cluster;
  static DroverProcess emulated;
  static TestFramework framework;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("emulated");
    cluster.master("master");
    emulated = cluster.agent("emulated", "cpus:2;mem:4096;disk:1000;ports:[31000-31099]",
      "--emulate", Integer.toString(AGENTS), "--hostname", "emu", "--attributes", "rack:r1");
    cluster.awaitActiveAgents(AGENTS);
    framework = TestFramework.subscribe(cluster.zk(), "emulated-contract");
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

  @Override
  ClusterFixture cluster() {
    return cluster;
  }

  @Override
  TestFramework framework() {
    return framework;
  }

  @Test
  void eachEmulatedAgentIsAnAgentOfItsOwn() {
    List<JsonObject> agents = MarathonClient.stream(cluster.leaderState().getJsonArray("slaves")).toList();
    assertThat(agents).hasSize(AGENTS);
    assertThat(agents.stream().map(a -> a.getString("id")).collect(Collectors.toSet())).hasSize(AGENTS);
    assertThat(agents.stream().map(a -> a.getString("hostname")).collect(Collectors.toSet()))
      .hasSize(AGENTS).contains("emu-0", "emu-" + (AGENTS - 1));
    assertThat(agents).allSatisfy(a -> assertThat(a.getJsonObject("resources").getDouble("cpus")).isEqualTo(2.0));
  }

  @Test
  void aFrameworksTasksGoThroughTheRealStatesAndAcknowledgements() {
    try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "emulated-it")) {
      Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
      framework.call(d -> d.accept(List.of(offer.getId()), List.of(
        TaskInfo.command("emulated-1", offer.getAgentId(), SMALL, "this command is never run")), new Filters(0)));
      framework.awaitState("emulated-1", TaskState.TASK_RUNNING);
      framework.call(d -> d.kill("emulated-1"));
      framework.awaitState("emulated-1", TaskState.TASK_KILLED);
      assertThat(framework.updates("emulated-1")).extracting(TaskStatus::getState).containsSubsequence(
        TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLED);
      // acknowledged: the agent stops resending
      Await.until("the agent holds no unacknowledged update", Duration.ofSeconds(30), () -> {
        JsonObject state = Http.json(emulated.url("agent") + "/state");
        return MarathonClient.stream(state.getJsonArray("agents"))
          .allMatch(a -> a.getInteger("pending_status_updates") == 0);
      });
    }
  }

  @Test
  void marathonSpreadsAnAppAndARestartedProcessKeepsItsTasks() throws InterruptedException {
    // the contract's framework would sit on offers that marathon needs on every agent
    framework.standAside();
    MarathonClient marathon = cluster.leadingMarathon("marathon");
    marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/spread").put("cmd", "never run")
      .put("instances", AGENTS).put("cpus", 0.1).put("mem", 32)
      // the restart may outlast the master's patience: unreachable tasks must wait, not be replaced
      .put("unreachableStrategy", new JsonObject().put("inactiveAfterSeconds", 300).put("expungeAfterSeconds", 600))
      .put("constraints", new JsonArray().add(new JsonArray()
        .add("hostname").add("UNIQUE"))).encode());
    marathon.awaitRunning("spread", AGENTS);
    Set<String> hosts = marathon.running("spread").stream().map(t -> t.getString("host")).collect(Collectors.toSet());
    assertThat(hosts).as("one task on each emulated host").hasSize(AGENTS);
    Set<String> before = marathon.running("spread").stream().map(t -> t.getString("id")).collect(Collectors.toSet());

    emulated.kill9();
    emulated = cluster.restart(emulated);
    // the new process, not the master's memory of the old one: registered again, holding the same tasks
    Await.until("the restarted process registered its agents with the same tasks", Duration.ofSeconds(60), () -> {
      List<JsonObject> agents = MarathonClient.stream(Http.json(emulated.url("agent") + "/state")
        .getJsonArray("agents")).toList();
      Set<String> held = agents.stream().flatMap(a -> MarathonClient.stream(a.getJsonArray("tasks")))
        .map(t -> t.getString("id")).collect(Collectors.toSet());
      return agents.stream().allMatch(a -> a.getLong("registered_epoch") > 0) && held.equals(before);
    });
    Await.until("marathon sees the same tasks running", Duration.ofSeconds(60), () ->
      marathon.running("spread").stream().map(t -> t.getString("id")).collect(Collectors.toSet()).equals(before));
    marathon.expect(200, "DELETE", "/v2/apps/spread?force=true", null);
    // 40 tasks of one framework on the same port of 40 agents: all end, and nothing stays counted
    Await.until("the master counts nothing used once the app is gone", Duration.ofSeconds(60), () ->
      MarathonClient.stream(cluster.leaderState().getJsonArray("slaves"))
        .allMatch(a -> a.getJsonObject("used_resources").isEmpty()));
    assertThat(MarathonClient.stream(cluster.leaderState().getJsonArray("completed_tasks"))
      .filter(t -> before.contains(t.getString("id"))).count()).as("every task ended on the master's books")
      .isEqualTo(AGENTS);
    framework.call(d -> d.revive());
  }
}
