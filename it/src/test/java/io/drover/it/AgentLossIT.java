package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL an agent: the master marks it unreachable after its timeout and reports its tasks so;
 * restarted, the agent takes its running task back.
 */
class AgentLossIT {

  static final Resources SMALL = Resources.parse("cpus:0.1;mem:32");

  @Test
  void aKilledAgentBecomesUnreachableAndComesBackWithItsTask() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("agent-loss")) {
      cluster.master("master");
      DroverProcess doomed = cluster.agent("doomed", "cpus:1;mem:512;disk:100;ports:[31000-31010]");
      cluster.agent("healthy", "cpus:1;mem:512;disk:100;ports:[31011-31020]");
      String doomedId = Await.value("the agent's id", Duration.ofSeconds(60),
        () -> Http.json(doomed.url("agent") + "/state").getString("id"));
      cluster.awaitActiveAgents(2);

      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "agent-loss-it")) {
        Offer offer = framework.takeOffer(o -> o.getAgentId().equals(doomedId));
        framework.call(d -> d.accept(List.of(offer.getId()),
          List.of(TaskInfo.command("stranded", doomedId, SMALL, "sleep 600")), new Filters(0)));
        long pid = framework.pid("stranded");

        doomed.kill9();

        Await.until("the agent is unreachable", Duration.ofSeconds(60), () -> {
          JsonObject state = cluster.leaderState();
          return state.getJsonArray("unreachable").stream()
            .anyMatch(a -> ((JsonObject) a).getString("id").equals(doomedId));
        });
        framework.awaitState("stranded", TaskState.TASK_UNREACHABLE);
        JsonObject state = cluster.leaderState();
        assertThat(state.getInteger("activated_slaves")).isEqualTo(1);
        assertThat(Http.json(cluster.leaderUrl().orElseThrow() + "/metrics/snapshot")
          .getInteger("master/slaves_unreachable")).isEqualTo(1);
        Await.until("the durable registry records it unreachable", Duration.ofSeconds(30), () -> {
          try {
            byte[] entry = framework.node().zk().getData().forPath("/drover/registry/agents/" + doomedId);
            return new JsonObject(new String(entry, java.nio.charset.StandardCharsets.UTF_8))
              .getValue("unreachable_since") != null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });

        // the same agent (same work directory, so the same id) comes back and is reachable again
        cluster.agent("doomed", "cpus:1;mem:512;disk:100;ports:[31000-31010]");
        Await.until("the agent is reachable again", Duration.ofSeconds(60), () ->
          cluster.leaderState().getJsonArray("slaves").stream().map(JsonObject.class::cast)
            .anyMatch(a -> a.getString("id").equals(doomedId) && a.getBoolean("active")));
        // it took its task back from its checkpoint: the same process, running again
        Await.until("the task is running again", Duration.ofSeconds(60), () -> framework.updates("stranded").stream()
          .skip(framework.updates("stranded").indexOf(framework.awaitState("stranded", TaskState.TASK_UNREACHABLE)))
          .anyMatch(s -> s.getState() == TaskState.TASK_RUNNING));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(framework.updates("stranded")).extracting(s -> s.getState()).doesNotContain(TaskState.TASK_LOST);
      }
    }
  }

  @Test
  void anAgentUnreachableLongerThanTheRegistrysMaximumAgeIsForgotten() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("agent-pruned")) {
      cluster.master("master", "--registry-max-agent-age-ms", "3000");
      DroverProcess doomed = cluster.agent("doomed", "cpus:1;mem:512;disk:100;ports:[31000-31010]");
      cluster.agent("healthy", "cpus:1;mem:512;disk:100;ports:[31011-31020]");
      String doomedId = Await.value("the agent's id", Duration.ofSeconds(60),
        () -> Http.json(doomed.url("agent") + "/state").getString("id"));
      cluster.awaitActiveAgents(2);

      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "agent-pruned-it")) {
        Offer offer = framework.takeOffer(o -> o.getAgentId().equals(doomedId));
        framework.call(d -> d.accept(List.of(offer.getId()),
          List.of(TaskInfo.command("stranded", doomedId, SMALL, "sleep 600")), new Filters(0)));
        framework.awaitState("stranded", TaskState.TASK_RUNNING);

        doomed.kill9();
        framework.awaitState("stranded", TaskState.TASK_UNREACHABLE);
        // three seconds later it leaves the registry, in ZooKeeper and in the master's state
        framework.awaitState("stranded", TaskState.TASK_GONE);
        Await.until("the agent is gone from the registry in ZooKeeper", Duration.ofSeconds(30), () -> {
          try {
            return framework.node().zk().checkExists().forPath("/drover/registry/agents/" + doomedId) == null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        JsonObject state = cluster.leaderState();
        assertThat(state.getJsonArray("unreachable")).isEmpty();
        assertThat(state.getJsonArray("slaves").stream().map(a -> ((JsonObject) a).getString("id")))
          .doesNotContain(doomedId).hasSize(1);
      }
    }
  }
}
