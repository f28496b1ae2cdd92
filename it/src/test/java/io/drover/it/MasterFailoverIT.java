package io.drover.it;


import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MasterState;
import io.drover.it.fixture.TestFramework;
import io.drover.mesos.MediaType;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three masters and two agents as separate JVMs: SIGKILL the leader and another master takes over,
 * the agents re-register with their running task untouched, and offers resume under the new epoch.
 */
class MasterFailoverIT {

  static final Resources SMALL = Resources.parse("cpus:0.1;mem:32");

  @Test
  void anotherMasterLeadsAfterTheLeaderIsKilledAndNothingRunningIsLost() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("failover")) {
      for (int i = 1; i <= 3; i++) {
        cluster.master("master-" + i);
      }
      cluster.agent("agent-1", "cpus:1;mem:1024;disk:1000;ports:[31000-31010]");
      cluster.agent("agent-2", "cpus:1;mem:1024;disk:1000;ports:[31011-31020]");
      cluster.awaitActiveAgents(2);

      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "failover-it")) {
        Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
        framework.call(d -> d.accept(List.of(offer.getId()),
          List.of(TaskInfo.command("survivor", offer.getAgentId(), SMALL, "sleep 600")), new Filters(0)));
        long pid = framework.pid("survivor");
        DroverProcess oldLeader = cluster.leader().orElseThrow();
        long oldEpoch = cluster.leaderState().getJsonObject("leader_info").getLong("epoch");
        DroverProcess standby = cluster.masters().stream().filter(m -> m != oldLeader).findFirst().orElseThrow();
        var redirect = Http.get(standby.url("master") + "/redirect");
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).contains(oldLeader.url("master") + "/");
        assertThat(Http.json(standby.url("master") + "/metrics/snapshot").getInteger("master/elected")).isZero();
        assertThat(Http.json(oldLeader.url("master") + "/metrics/snapshot").getInteger("master/elected")).isEqualTo(1);
        assertThat(framework.node().zk().getChildren().forPath("/drover/registry/agents")).hasSize(2);
        List<JsonObject> leaderEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        framework.node().vertx().eventBus().<JsonObject>consumer(io.drover.common.Addresses.ui("leader"),
          m -> leaderEvents.add(m.body())).completion().toCompletionStage().toCompletableFuture().get();

        String oldLeaderId = cluster.leaderState().getJsonObject("leader_info").getString("master_id");
        Await.until("the leader, and only it, is announced to Mesos tools", Duration.ofSeconds(30), () ->
          mesosAnnouncements(framework.node().zk()).stream().map(MasterInfo::getId).toList().equals(List.of(oldLeaderId)));

        long killedAt = System.nanoTime();
        oldLeader.kill9();
        JsonObject state = Await.value("another master leads", Duration.ofSeconds(60), () -> {
          JsonObject s = cluster.leaderUrl().map(url -> Http.json(url + "/master/state")).orElse(null);
          return s != null && s.getJsonObject("leader_info").getLong("epoch") > oldEpoch ? s : null;
        });
        double failoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("failover: new leader %s (epoch %d) %.2f s after SIGKILL of the old one%n",
          state.getJsonObject("leader_info").getString("master_id"),
          state.getJsonObject("leader_info").getLong("epoch"), failoverSeconds);
        // the session timeout plus a few seconds, generously, for a loaded 2-core machine
        assertThat(failoverSeconds).isLessThan(ClusterFixture.SESSION_TIMEOUT_MS / 1000.0 + 15);

        Await.until("both agents re-registered with the new leader", Duration.ofSeconds(60), () ->
          cluster.leaderState().getJsonArray("slaves").stream().map(JsonObject.class::cast)
            .filter(a -> a.getBoolean("registered") && a.getBoolean("active")).count() == 2);
        Await.until("the new leader knows the task is running", Duration.ofSeconds(60), () ->
          "TASK_RUNNING".equals(MasterState.taskIn(cluster.leaderState(), "survivor").map(t -> t.getString("state"))
            .orElse(null)));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(framework.updates("survivor")).extracting(s -> s.getState())
          .doesNotContain(TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_FAILED);

        JsonObject newLeader = state.getJsonObject("leader_info");
        Await.until("the new leader is the only one announced to Mesos tools", Duration.ofSeconds(30), () -> {
          List<MasterInfo> announced = mesosAnnouncements(framework.node().zk());
          return announced.size() == 1 && announced.get(0).getId().equals(newLeader.getString("master_id"))
            && announced.get(0).getAddress().getPort() == newLeader.getInteger("port")
            && announced.get(0).getPid().endsWith(":" + newLeader.getInteger("port"));
        });

        long newEpoch = state.getJsonObject("leader_info").getLong("epoch");
        Await.until("the new leader published its election", Duration.ofSeconds(30), () -> leaderEvents.stream()
          .anyMatch(e -> "elected".equals(e.getString("event")) && e.getLong("epoch") == newEpoch));
        Offer resumed = framework.takeOffer(o -> o.getId().startsWith(newEpoch + "-"));
        assertThat(resumed.resources().cpus()).isPositive();
      }
    }
  }

  /** What Mesos leader detectors read: every json.info_ znode under /mesos, decoded strictly as MasterInfo. */
  private static List<MasterInfo> mesosAnnouncements(CuratorFramework zk) {
    List<MasterInfo> announced = new java.util.ArrayList<>();
    try {
      if (zk.checkExists().forPath("/mesos") == null) {
        return announced;
      }
      for (String child : zk.getChildren().forPath("/mesos")) {
        if (child.startsWith("json.info_")) {
          try {
            announced.add(MediaType.JSON.decodeStrictly(zk.getData().forPath("/mesos/" + child),
              MasterInfo.newBuilder()).build());
          } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
            // its session ended while we looked
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read /mesos: " + e.getMessage(), e);
    }
    return announced;
  }
}
