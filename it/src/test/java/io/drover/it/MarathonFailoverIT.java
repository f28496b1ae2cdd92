package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MarathonEvents;
import io.drover.it.fixture.MarathonEvents.Numbered;
import io.drover.it.fixture.TaskProcesses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marathon's high availability: a standby takes over a deployment; apps outlive every process; an
 * event-stream client comes back to the new leader with {@code Last-Event-ID} and misses nothing.
 */
class MarathonFailoverIT {

  @Test
  void aClientResumingAtTheNewLeaderGetsTheEventsItMissedNoneTwice() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("marathon-replay")) {
      cluster.master("master");
      cluster.agent("agent", "cpus:4;mem:2048;disk:1000;ports:[31100-31199]");
      cluster.awaitActiveAgents(1);
      List<DroverProcess> nodes = List.of(cluster.marathon("marathon-1"), cluster.marathon("marathon-2"),
        cluster.marathon("marathon-3"));
      DroverProcess leader = Await.value("a marathon leads", Duration.ofSeconds(60), () -> leading(nodes));
      MarathonClient old = new MarathonClient(leader.url("marathon"));

      // the witness reads the old leader to its end: what it emitted, as far as a client could see
      MarathonEvents witness = MarathonEvents.attach(old.url());
      MarathonEvents client = MarathonEvents.attach(old.url());
      old.expect(201, "POST", "/v2/apps", MarathonApps.app("/replay", "sleep 7501", 1));
      old.awaitRunning("replay", 1);
      Await.until("the client saw the task run", Duration.ofSeconds(30), () -> client.numbered().stream()
        .anyMatch(e -> "TASK_RUNNING".equals(e.data().getString("taskStatus"))));
      long seen = client.lastEventId();
      client.close();

      // missed while away: a scale and its task's updates, from the old leader
      old.expect(200, "PUT", "/v2/apps/replay", "{\"instances\":2}");
      old.awaitRunning("replay", 2);
      Await.until("the witness saw the second task run", Duration.ofSeconds(30), () -> witness.numbered().stream()
        .filter(e -> "TASK_RUNNING".equals(e.data().getString("taskStatus"))).count() == 2);
      leader.kill9();

      List<DroverProcess> survivors = nodes.stream().filter(n -> n != leader).toList();
      DroverProcess next = Await.value("another marathon leads", Duration.ofSeconds(60), () -> leading(survivors));
      // the old leader is long gone: the witness has read all it will
      List<Long> oldLeaders = witness.numbered().stream().map(Numbered::id).filter(id -> id > seen).toList();
      witness.close();
      MarathonClient now = new MarathonClient(next.url("marathon"));
      // and from the new leader: a scale, a kill and its replacement
      now.expect(200, "PUT", "/v2/apps/replay", "{\"instances\":3}");
      now.awaitRunning("replay", 3);
      String killed = now.running("replay").get(0).getString("id");
      now.expect(200, "DELETE", "/v2/apps/replay/tasks/" + killed, null);
      Await.until("the killed task is replaced", Duration.ofSeconds(60), () -> now.running("replay").size() == 3
        && now.tasks("replay").stream().noneMatch(t -> t.getString("id").equals(killed)));

      try (MarathonEvents resumed = MarathonEvents.attach(now.url(), seen)) {
        Await.until("the resumed client hears of the kill", Duration.ofSeconds(30), () -> resumed.numbered().stream()
          .anyMatch(e -> killed.equals(e.data().getString("taskId")) && "TASK_KILLED".equals(e.data().getString("taskStatus"))));
        List<Numbered> events = resumed.numbered();
        List<Long> ids = events.stream().map(Numbered::id).toList();
        assertThat(events).extracting(Numbered::type).as("no gap notice").doesNotContain("event_stream_gap");
        assertThat(ids).as("each once, in order, after the last seen").isSorted().doesNotHaveDuplicates()
          .allMatch(id -> id > seen);
        long oldEpoch = seen / 1_000_000_000_000L;
        List<Long> fromOld = ids.stream().filter(id -> id / 1_000_000_000_000L == oldEpoch).toList();
        assertThat(fromOld).as("every event of the old leader the client missed").isEqualTo(oldLeaders);
        List<Long> fromNew = ids.stream().filter(id -> id / 1_000_000_000_000L > oldEpoch).toList();
        assertThat(fromNew).as("the new leader's events, from its first, without a hole").isNotEmpty()
          .isEqualTo(LongStream.rangeClosed(fromNew.get(0), fromNew.get(fromNew.size() - 1)).boxed().toList());
        assertThat(fromNew.get(0) % 1_000_000_000_000L).isEqualTo(1);
        assertThat(events).as("the old leader's scale and the new one's").anyMatch(e -> isScaleTo(e, 2) && e.id() < fromNew.get(0))
          .anyMatch(e -> isScaleTo(e, 3) && e.id() >= fromNew.get(0));
      }
      now.expect(200, "DELETE", "/v2/apps/replay", null);
      Await.until("the app's processes are gone", Duration.ofSeconds(60), () -> TaskProcesses.sleeping("7501").isEmpty());
    }
  }

  /** A deployment event whose plan takes {@code /replay} to {@code instances}. */
  private static boolean isScaleTo(Numbered event, int instances) {
    return event.type().startsWith("deployment_") && event.data().encode().contains("\"instances\":" + instances);
  }

  /** The node that leads and answers the API, as the nodes say. */
  private static DroverProcess leading(List<DroverProcess> nodes) {
    for (DroverProcess node : nodes) {
      MarathonClient.Reply reply;
      try {
        reply = new MarathonClient(node.url("marathon")).send("GET", "/v2/leader", null);
      } catch (RuntimeException notNow) {
        continue;
      }
      if (reply.status() != 200) {
        continue;
      }
      String address = reply.json().getString("leader");
      Optional<DroverProcess> match = nodes.stream()
        .filter(n -> n.isAlive() && address.equals("127.0.0.1:" + n.port("marathon"))).findFirst();
      if (match.isPresent() && new MarathonClient(match.get().url("marathon")).send("GET", "/v2/info", null)
        .status() == 200) {
        return match.get();
      }
    }
    return null;
  }

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
