package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TaskProcesses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on a highly available cluster of real processes: a 3-member ZooKeeper ensemble, 3 masters,
 * 2 marathon nodes, 3 agents. After each fault nothing acknowledged is lost: the app is there with
 * its latest definition, it runs its instance count, and tasks that were running keep their pids.
 * A leader frozen past its session is deposed and, awake, changes nothing. A restart of each
 * ZooKeeper member in turn changes nothing, not even the leader; losing the whole ensemble stops
 * every leader (the APIs answer 503) but no task, and the cluster forms again by itself. A marathon
 * leader killed mid rolling upgrade leaves the standby to finish it within the upgrade strategy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaFaultIT {

  /**
   * Eleven JVMs share two cores here: timeouts a little longer than the other suites', so that a
   * busy moment is not taken for a dead agent or a lost session.
   */
  static final int SESSION_TIMEOUT_MS = 4000;
  static final String[] STEADIER = {"--zk-session-timeout-ms", Integer.toString(SESSION_TIMEOUT_MS)};

  static ClusterFixture cluster;
  static final List<DroverProcess> marathons = new ArrayList<>();
  static final List<DroverProcess> agents = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("ha");
    cluster.ensemble(3);
    for (int i = 1; i <= 3; i++) {
      cluster.master("master-" + i, ClusterFixture.concat(STEADIER, "--agent-ping-timeout-ms", "1000",
        "--max-agent-ping-timeouts", "5"));
    }
    for (int i = 1; i <= 3; i++) {
      int low = 32000 + (i - 1) * 100;
      agents.add(cluster.agent("agent-" + i, "cpus:2;mem:1024;disk:1000;ports:[" + low + "-" + (low + 99) + "]",
        STEADIER));
    }
    cluster.awaitActiveAgents(3);
    marathons.add(cluster.marathon("marathon-1", STEADIER));
    marathons.add(cluster.marathon("marathon-2", STEADIER));
    Await.until("a marathon leads", Duration.ofSeconds(60), () -> leadingMarathon().isPresent());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theLeadingMasterKilledThreeTimesInARowLosesNothing() throws Exception {
    Baseline before = deploy(client(), "steady", "sleep 7401", 3);
    for (int round = 1; round <= 3; round++) {
      DroverProcess leader = cluster.leader().orElseThrow();
      String leaderUrl = leader.url("master");
      leader.kill9();
      Await.until("a new master leads (round " + round + ")", Duration.ofSeconds(30),
        () -> cluster.leaderUrl().filter(url -> !url.equals(leaderUrl)).isPresent());
      cluster.restart(leader);
      assertNothingLost("steady", before.version(), 3, before.pids());
    }
    client().expect(200, "DELETE", "/v2/apps/steady", null);
  }

  @Test
  @Order(2)
  void anAgentKilledAndRestartedKeepsItsTasks() throws Exception {
    MarathonClient marathon = client();
    Baseline before = deploy(marathon, "sturdy", "sleep 7403", 2);
    DroverProcess host = agentRunning(marathon.running("sturdy").get(0));
    host.kill9();
    agents.set(agents.indexOf(host), cluster.restart(host));
    assertNothingLost("sturdy", before.version(), 2, before.pids());
    client().expect(200, "DELETE", "/v2/apps/sturdy", null);
  }

  @Test
  @Order(3)
  void aPausedAgentIsReplacedAfterInactiveAfterSecondsAndTheSurplusGoesWhenItReturns() throws Exception {
    MarathonClient marathon = client();
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/partitioned\",\"cmd\":\"sleep 7406\",\"cpus\":0.1,"
      + "\"mem\":16,\"instances\":1,\"unreachableStrategy\":{\"inactiveAfterSeconds\":5,\"expungeAfterSeconds\":600}}");
    marathon.awaitRunning("partitioned", 1);
    JsonObject task = marathon.running("partitioned").get(0);
    String first = task.getString("id");
    DroverProcess host = agentRunning(task);
    host.signal("STOP");
    try {
      Await.until("the unreachable task is replaced on another agent", Duration.ofSeconds(60), () ->
        client().running("partitioned").stream().anyMatch(t -> !t.getString("id").equals(first)));
      assertThat(client().tasks("partitioned")).extracting(t -> t.getString("id")).contains(first);
    } finally {
      host.signal("CONT");
    }
    Await.until("the count converges to 1 again", Duration.ofSeconds(60), () ->
      client().tasks("partitioned").size() == 1 && client().running("partitioned").size() == 1
        && TaskProcesses.sleeping("7406").size() == 1);
    client().expect(200, "DELETE", "/v2/apps/partitioned?force=true", null);
  }

  @Test
  @Order(4)
  void aLeaderFrozenPastItsSessionIsDeposedAndChangesNothingWhenItWakes() throws Exception {
    MarathonClient marathon = client();
    Baseline before = deploy(marathon, "fenced", "sleep 7407", 2);
    DroverProcess frozen = cluster.leader().orElseThrow();
    String frozenUrl = frozen.url("master");
    long epoch = cluster.leaderState().getJsonObject("leader_info").getLong("epoch");
    frozen.signal("STOP");
    try {
      Await.until("another master leads", Duration.ofSeconds(60),
        () -> cluster.leaderUrl().filter(url -> !url.equals(frozenUrl)).isPresent());
    } finally {
      frozen.signal("CONT");
    }
    // awake, the old leader learns it lost its session and steps down; its older epoch is worth nothing
    Await.until("the woken master no longer leads", Duration.ofSeconds(60), () -> {
      JsonObject state = Http.json(frozenUrl + "/master/state");
      return !state.containsKey("elected_time");
    });
    assertThat(cluster.leaderState().getJsonObject("leader_info").getLong("epoch")).isGreaterThan(epoch);
    assertNothingLost("fenced", before.version(), 2, before.pids());
    client().expect(200, "DELETE", "/v2/apps/fenced", null);
  }

  @Test
  @Order(5)
  void restartingEachZooKeeperMemberInTurnChangesNothingVisible() throws Exception {
    Baseline before = deploy(client(), "rolling-zk", "sleep 7408", 2);
    long epoch = cluster.leaderState().getJsonObject("leader_info").getLong("epoch");
    for (int i = 0; i < cluster.zooKeepers().size(); i++) {
      DroverProcess member = cluster.zooKeepers().get(i);
      member.close();
      cluster.restart(member).port("zk");
      assertNothingLost("rolling-zk", before.version(), 2, before.pids());
    }
    assertThat(cluster.leaderState().getJsonObject("leader_info").getLong("epoch"))
      .as("the leading master's epoch").isEqualTo(epoch);
    client().expect(200, "DELETE", "/v2/apps/rolling-zk", null);
  }

  @Test
  @Order(6)
  void losingTheWholeEnsembleAnswers503AndUnreadyKeepsTasksAndTheClusterReformsByItself() throws Exception {
    // no over-capacity: at no moment of the outage or the recovery may more than 4 of its processes run
    Baseline before = deploy(client(), "outage", new JsonObject(MarathonApps.app("/outage", "sleep 7409", 4))
      .put("upgradeStrategy", new JsonObject().put("minimumHealthCapacity", 0.5).put("maximumOverCapacity", 0)), 4);
    ProcessCount peak = ProcessCount.of("/outage", "sleep");
    try {
      loseAndRegainTheEnsemble(before);
    } finally {
      peak.stop();
    }
    assertThat(peak.max()).as("processes of /outage at any moment (maximumOverCapacity 0): " + peak).isLessThanOrEqualTo(4);
    assertNothingLost("outage", before.version(), 4, before.pids());
    client().expect(200, "DELETE", "/v2/apps/outage", null);
  }

  /**
   * Stops every ZooKeeper member for twice the session timeout, then brings them back; meanwhile
   * the APIs and probes say so, and the tasks of {@code before} run on, and run on after recovery.
   */
  private static void loseAndRegainTheEnsemble(Baseline before) throws Exception {
    List<DroverProcess> members = new ArrayList<>(cluster.zooKeepers());
    List<String> marathonUrls = marathons.stream().map(m -> m.url("marathon")).toList();
    for (DroverProcess member : members) {
      member.close();
    }
    long stopped = System.nanoTime();
    // the outage lasts twice the session timeout; meanwhile nobody leads, every API says so at once
    Await.until("every marathon node answers 503 and no master leads for twice the session timeout",
      Duration.ofSeconds(60), () -> cluster.leaderUrl().isEmpty()
        && marathonUrls.stream().allMatch(url -> new MarathonClient(url).send("GET", "/v2/apps", null).status() == 503)
        && System.nanoTime() - stopped > Duration.ofMillis(2L * SESSION_TIMEOUT_MS).toNanos());
    assertThat(pids("/outage")).as("tasks run on without ZooKeeper").isEqualTo(before.pids());
    List<String> probed = readinessUrls();
    Await.until("every master, agent and marathon answers /ready with 503 naming ZooKeeper", Duration.ofSeconds(30),
      () -> probed.stream().map(url -> Http.get(url, null))
        .allMatch(r -> r.statusCode() == 503 && r.body().contains("no ZooKeeper session")));
    for (DroverProcess member : members) {
      cluster.restart(member);
    }
    cluster.zooKeepers().forEach(z -> z.port("zk"));
    assertNothingLost("outage", before.version(), 4, before.pids());
    Await.until("one master leads, with all three agents", Duration.ofSeconds(60), () ->
      cluster.masters().stream().filter(m -> Http.json(m.url("master") + "/master/state").containsKey("elected_time"))
        .count() == 1 && cluster.leaderState().getInteger("activated_slaves") == 3);
    Await.until("every master, agent and marathon answers /ready with 200 again", Duration.ofSeconds(60),
      () -> probed.stream().allMatch(url -> Http.get(url, null).statusCode() == 200));
  }

  /** The {@code /ready} of every role's process; probes send no token. */
  static List<String> readinessUrls() {
    List<String> urls = new ArrayList<>();
    cluster.masters().forEach(m -> urls.add(m.url("master") + "/ready"));
    agents.forEach(a -> urls.add(a.url("agent") + "/ready"));
    marathons.forEach(m -> urls.add(m.url("marathon") + "/ready"));
    return urls;
  }

  @Test
  @Order(7)
  void theLeadingMarathonKilledMidRollingUpgradeFinishesItWithinTheUpgradeStrategy() throws Exception {
    Baseline bystander = deploy(client(), "bystander", "sleep 7410", 1);
    MarathonClient marathon = client();
    marathon.expect(201, "POST", "/v2/apps", webApp("rolling", new JsonObject()));
    Await.until("4 healthy web servers", Duration.ofSeconds(90), () ->
      client().deployments().isEmpty() && client().app("rolling").getInteger("tasksHealthy") == 4);
    Set<String> before = ids(client().tasks("rolling"));
    ProcessCount peak = ProcessCount.of("/rolling", "http.server");
    try {
      client().expect(200, "PUT", "/v2/apps/rolling", webApp("rolling",
        new JsonObject().put("env", new JsonObject().put("RELEASE", "2"))));
      Await.until("the upgrade has replaced some tasks", Duration.ofSeconds(60), () ->
        !client().deployments().isEmpty() && !before.containsAll(ids(client().tasks("rolling"))));
      DroverProcess leader = leadingMarathon().orElseThrow();
      leader.kill9();
      marathons.set(marathons.indexOf(leader), cluster.restart(leader));
      Await.until("the standby finishes the upgrade with 4 new healthy tasks", Duration.ofSeconds(120), () -> {
        MarathonClient standby = client();
        List<JsonObject> tasks = standby.tasks("rolling");
        return standby.deployments().isEmpty() && standby.app("rolling").getInteger("tasksHealthy") == 4
          && tasks.size() == 4 && tasks.stream().noneMatch(t -> before.contains(t.getString("id")))
          && TaskProcesses.ofApp("/rolling", "http.server").size() == 4;
      });
    } finally {
      peak.stop();
    }
    assertThat(peak.max()).as("web servers at any moment (maximumOverCapacity 0): " + peak).isLessThanOrEqualTo(4);
    assertThat(client().app("rolling").getJsonObject("env").getString("RELEASE")).isEqualTo("2");
    assertNothingLost("bystander", bystander.version(), 1, bystander.pids());
    client().expect(200, "DELETE", "/v2/apps/rolling", null);
    client().expect(200, "DELETE", "/v2/apps/bystander", null);
  }

  /** Four web servers that may drop to half while upgrading and never exceed four, plus {@code extra} fields. */
  private static String webApp(String id, JsonObject extra) {
    return new JsonObject(MarathonApps.webApp("/" + id, 4, "/"))
      .put("upgradeStrategy", new JsonObject().put("minimumHealthCapacity", 0.5).put("maximumOverCapacity", 0))
      .mergeIn(extra).encode();
  }

  private static Set<String> ids(List<JsonObject> tasks) {
    return tasks.stream().map(t -> t.getString("id")).collect(Collectors.toSet());
  }

  /** The most task processes of an app seen at once, sampled every 50 ms on a thread of its own. */
  private static final class ProcessCount {
    private final java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean running = true;
    private volatile String peak = "";
    private final Thread sampler;

    private ProcessCount(String appId, String fragment) {
      sampler = new Thread(() -> {
        while (running) {
          List<ProcessHandle> matching = TaskProcesses.ofApp(appId, fragment);
          Set<Long> pids = matching.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
          // one per task: a command may run through wrappers (a pyenv shim forks shells of the same command
          // line); a process gone while we looked has no parent any more and is no task's root
          List<ProcessHandle> now = matching.stream()
            .filter(p -> p.parent().map(parent -> !pids.contains(parent.pid())).orElse(false)).toList();
          if (now.size() > max.get()) {
            max.set(now.size());
            peak = now.stream().map(p -> p.pid() + " <- " + p.parent().map(ProcessHandle::pid).orElse(0L) + " "
              + p.info().commandLine().orElse("?")).collect(Collectors.joining("\n"));
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "process-count");
      sampler.setDaemon(true);
    }

    static ProcessCount of(String appId, String fragment) {
      ProcessCount count = new ProcessCount(appId, fragment);
      count.sampler.start();
      return count;
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
    }

    int max() {
      return max.get();
    }

    @Override
    public String toString() {
      return max.get() + " at once:\n" + peak;
    }
  }

  /** The app exists with its version, runs {@code instances} tasks and its old tasks kept their pids. */
  private static void assertNothingLost(String id, String version, int instances, Set<Long> pids) {
    Await.until(id + " runs " + instances + " tasks again", Duration.ofSeconds(60), () -> {
      MarathonClient marathon = leadingMarathon().map(p -> new MarathonClient(p.url("marathon"))).orElse(null);
      return marathon != null && marathon.send("GET", "/v2/apps/" + id, null).status() == 200
        && marathon.running(id).size() == instances && marathon.tasks(id).size() == instances;
    });
    assertThat(client().app(id).getString("version")).isEqualTo(version);
    assertThat(pids("/" + id)).as("the pids of " + id + "'s tasks").isEqualTo(pids);
  }

  /** The agent process that hosts a task of the API. */
  private static DroverProcess agentRunning(JsonObject task) {
    String agentId = task.getString("slaveId");
    return agents.stream().filter(a -> Http.get(a.url("agent") + "/state").body().contains(agentId))
      .findFirst().orElseThrow();
  }

  /** The marathon node that leads, as the nodes themselves say. */
  static Optional<DroverProcess> leadingMarathon() {
    for (DroverProcess node : marathons) {
      if (!node.isAlive()) {
        continue;
      }
      try {
        MarathonClient.Reply reply = new MarathonClient(node.url("marathon")).send("GET", "/v2/leader", null);
        if (reply.status() != 200) {
          continue;
        }
        String leader = reply.json().getString("leader");
        Optional<DroverProcess> match = marathons.stream().filter(m -> m.isAlive()
          && leader.equals("127.0.0.1:" + m.port("marathon"))).findFirst();
        if (match.isPresent() && new MarathonClient(match.get().url("marathon")).send("GET", "/v2/info", null)
          .status() == 200) {
          return match;
        }
      } catch (RuntimeException notNow) {
        // this node is starting or gone
      }
    }
    return Optional.empty();
  }

  static MarathonClient client() {
    return new MarathonClient(Await.value("a marathon leads", Duration.ofSeconds(60),
      () -> leadingMarathon().orElse(null)).url("marathon"));
  }

  /** What a fault must leave as it was: the app's version and its task processes. */
  private record Baseline(String version, Set<Long> pids) {
  }

  /** Posts a sleep app and waits until its tasks and their processes run. */
  private static Baseline deploy(MarathonClient marathon, String id, String cmd, int instances) {
    return deploy(marathon, id, new JsonObject(MarathonApps.app("/" + id, cmd, instances)), instances);
  }

  /** Posts the app {@code app} and waits until its tasks and their processes run. */
  private static Baseline deploy(MarathonClient marathon, String id, JsonObject app, int instances) {
    marathon.expect(201, "POST", "/v2/apps", app.encode());
    marathon.awaitRunning(id, instances);
    return new Baseline(marathon.app(id).getString("version"), runningPids("/" + id, instances));
  }

  /** The pids once all {@code instances} processes run: RUNNING comes as the task's shell starts. */
  private static Set<Long> runningPids(String appId, int instances) {
    Await.until(instances + " processes of " + appId, Duration.ofSeconds(30), () -> pids(appId).size() == instances);
    return pids(appId);
  }

  private static Set<Long> pids(String appId) {
    return TaskProcesses.ofApp(appId, "sleep").stream().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

}
