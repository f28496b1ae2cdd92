package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TaskProcesses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Marathon's high availability: a standby takes over a deployment; apps outlive every process. */
class MarathonFailoverIT {

  @Test
  void whenTheLeaderDiesMidDeploymentTheStandbyFinishesIt() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("marathon-failover")) {
      cluster.master("master");
      cluster.agent("agent", "cpus:4;mem:2048;disk:1000;ports:[31000-31099]");
      cluster.awaitActiveAgents(1);
      DroverProcess first = cluster.marathon("marathon-1");
      DroverProcess second = cluster.marathon("marathon-2");
      MarathonClient one = new MarathonClient(first.url("marathon"));
      MarathonClient two = new MarathonClient(second.url("marathon"));
      String leaderAddress = Await.value("a marathon leads", Duration.ofSeconds(60), () -> {
        MarathonClient.Reply reply = one.send("GET", "/v2/leader", null);
        return reply.status() == 200 ? reply.json().getString("leader") : null;
      });
      boolean firstLeads = leaderAddress.endsWith(":" + first.port("marathon"));
      DroverProcess leader = firstLeads ? first : second;
      MarathonClient standby = firstLeads ? two : one;

      // sent to the standby, which forwards it to the leader
      standby.expect(201, "POST", "/v2/apps", MarathonApps.webApp("/survivor", 3, "/"));
      Await.until("the deployment is under way", Duration.ofSeconds(30), () -> standby.deployments().size() == 1);
      leader.kill9();

      Await.until("the standby leads", Duration.ofSeconds(60), () -> {
        MarathonClient.Reply reply = standby.send("GET", "/v2/leader", null);
        return reply.status() == 200 && reply.json().getString("leader").equals(
          "127.0.0.1:" + (firstLeads ? second : first).port("marathon"));
      });
      Await.until("the deployment finishes with 3 healthy tasks", Duration.ofSeconds(120), () -> {
        if (standby.send("GET", "/v2/apps/survivor", null).status() != 200) {
          return false;
        }
        JsonObject app = standby.app("survivor");
        return standby.deployments().isEmpty() && app.getInteger("tasksHealthy") == 3;
      });
      // the new leader took over the old leader's tasks rather than starting a second set
      Await.until("exactly 3 tasks remain", Duration.ofSeconds(60), () -> standby.tasks("survivor").size() == 3
        && TaskProcesses.ofApp("/survivor", "http.server").size() == 3);
      standby.expect(200, "DELETE", "/v2/apps/survivor", null);
      Await.until("the app's processes are gone", Duration.ofSeconds(60),
        () -> TaskProcesses.ofApp("/survivor", "http.server").isEmpty());
    }
  }

  @Test
  void appsSurviveARestartOfEveryProcess() throws Exception {
    Path root = Path.of("target", "it-work", "marathon-restart-" + System.currentTimeMillis()).toAbsolutePath();
    List<DroverProcess> running = new ArrayList<>();
    try {
      DroverProcess zk = DroverProcess.start("restart-zk", root.resolve("zk"), "zk", "--port", "0");
      int zkPort = zk.port("zk");
      running.add(zk);
      running.addAll(roles(root, zkPort));
      MarathonClient marathon = new MarathonClient(running.get(running.size() - 1).url("marathon"));
      Await.until("marathon leads", Duration.ofSeconds(60), () -> marathon.send("GET", "/v2/info", null).status() == 200);
      marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/durable", "sleep 7305", 2));
      marathon.awaitRunning("durable", 2);
      String version = marathon.app("durable").getString("version");

      stopAll(running);
      running.add(DroverProcess.start("restart-zk", root.resolve("zk"), "zk", "--port", Integer.toString(zkPort)));
      running.addAll(roles(root, zkPort));
      MarathonClient again = new MarathonClient(running.get(running.size() - 1).url("marathon"));
      Await.until("marathon leads again", Duration.ofSeconds(60), () -> again.send("GET", "/v2/info", null).status() == 200);
      assertThat(again.app("durable").getString("version")).isEqualTo(version);
      again.awaitRunning("durable", 2);
      Await.until("no more than 2 of its processes run", Duration.ofSeconds(60),
        () -> TaskProcesses.sleeping("7305").size() == 2);
      again.expect(200, "DELETE", "/v2/apps/durable", null);
      Await.until("its processes are gone", Duration.ofSeconds(60), () -> TaskProcesses.sleeping("7305").isEmpty());
    } finally {
      stopAll(running);
      DroverProcess.killTasksUnder(root);
    }
  }

  /** A master, an agent and a marathon node with fixed work directories, so a restart finds its state. */
  private static List<DroverProcess> roles(Path root, int zkPort) throws Exception {
    String zk = "127.0.0.1:" + zkPort;
    for (String role : new String[] {"master", "agent", "marathon"}) {
      // a port file of the last run would point at a port nobody listens on any more
      java.nio.file.Files.deleteIfExists(root.resolve(role).resolve(role + ".port"));
    }
    List<DroverProcess> roles = new ArrayList<>();
    roles.add(DroverProcess.start("restart-master", root.resolve("master"), ClusterFixture.concat(
      new String[] {"master", "--zk", zk, "--port", "0"}, ClusterFixture.FAST_MASTER)));
    roles.add(DroverProcess.start("restart-agent", root.resolve("agent"), ClusterFixture.concat(
      new String[] {"agent", "--zk", zk, "--port", "0", "--resources", "cpus:2;mem:1024;disk:1000;ports:[31200-31299]"},
      ClusterFixture.FAST_AGENT)));
    roles.add(DroverProcess.start("restart-marathon", root.resolve("marathon"), ClusterFixture.concat(
      new String[] {"marathon", "--zk", zk, "--port", "0"}, ClusterFixture.FAST_MARATHON)));
    return roles;
  }

  private static void stopAll(List<DroverProcess> processes) throws InterruptedException {
    List<DroverProcess> reversed = new ArrayList<>(processes);
    Collections.reverse(reversed);
    for (DroverProcess process : reversed) {
      process.close();
    }
    processes.clear();
  }
}
