package io.drover.it.bench;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TestFramework;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.drover.it.bench.ClusterBenchmark.EMULATED_RESOURCES;
import static io.drover.it.bench.ClusterBenchmark.PATIENT;
import static io.drover.it.bench.ClusterBenchmark.PATIENT_MASTER;
import static io.drover.it.bench.ClusterBenchmark.percentile;
import static io.drover.it.bench.ClusterBenchmark.seconds;
import static io.drover.it.fixture.ClusterFixture.concat;

/** The control plane under size: S5 master failover, S6 API latency under churn, S7 master heap. */
final class ControlPlaneBenchmarks {

  /** The masters' ZooKeeper session in S5 (the tests' own; the default is 3 s). */
  static final int SESSION_MS = 2_000;

  private final BenchReport report;
  private final ClusterBenchmark.Sizes sizes;
  private final int runs;

  ControlPlaneBenchmarks(ClusterBenchmark.Bench bench) {
    this.report = bench.report();
    this.sizes = bench.sizes();
    this.runs = bench.runs();
  }

  void run(String scenario) throws Exception {
    switch (scenario) {
      case "S5" -> failover();
      case "S6" -> apiLatency();
      default -> heap();
    }
  }

  /**
   * S5: {@code kill -9} of the leading master, until a new leader counts every agent again and the
   * framework is subscribed to it; the killed master comes back as a standby before the next run.
   */
  private void failover() throws Exception {
    int agents = sizes.s5Agents();
    List<Double> seconds = new ArrayList<>();
    try (ClusterFixture cluster = new ClusterFixture("bench-s5")) {
      for (int i = 1; i <= 3; i++) {
        // a dead leader is noticed when its ZooKeeper session expires: that bounds failover from below
        cluster.master("master-" + i, concat(PATIENT_MASTER, "--zk-session-timeout-ms", Integer.toString(SESSION_MS)));
      }
      ClusterBenchmark.emulatedAgents(cluster, "emu", agents, EMULATED_RESOURCES);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "bench-s5")) {
        for (int run = 0; run < runs; run++) {
          ClusterBenchmark.progress("S5 leader failover", run, runs);
          DroverProcess leader = Await.value("a leader", Duration.ofSeconds(60), () -> cluster.leader().orElse(null));
          String before = cluster.leaderState().getString("id");
          long start = System.nanoTime();
          leader.kill9();
          Await.until("a new leader with every agent and the framework", Duration.ofMinutes(5), () -> {
            JsonObject state = cluster.leaderUrl().map(url -> Http.json(url + "/master/state")).orElse(null);
            return state != null && !before.equals(state.getString("id")) && state.getInteger("activated_slaves") == agents
              && state.getJsonArray("frameworks").stream().map(JsonObject.class::cast)
              .anyMatch(f -> "bench-s5".equals(f.getString("name")) && f.getBoolean("active", false));
          });
          seconds.add(seconds(start));
          cluster.restart(leader);
        }
      }
    }
    report.add(new BenchReport.Row("S5", String.format("master failover (kill -9 -> new leader, %,d agents re-registered,"
      + " framework re-subscribed), masters' ZooKeeper session %.1f s", agents, SESSION_MS / 1000.0), "s", seconds, "Mesos paper: 4-8 s",
      "<= 3 s at 4k agents", v -> v <= 3));
  }

  /** S6: GET one app, and the master's whole state, while another app scales up and down. */
  private void apiLatency() throws Exception {
    int apps = sizes.s6Apps();
    int tasks = apps * sizes.s6Instances();
    List<Double> appP99 = new ArrayList<>();
    List<Double> stateP99 = new ArrayList<>();
    List<Double> lastRun = List.of();
    try (ClusterFixture cluster = new ClusterFixture("bench-s6")) {
      DroverProcess master = cluster.master("master", PATIENT_MASTER);
      ClusterBenchmark.emulatedAgents(cluster, "emu", sizes.s6Agents(), EMULATED_RESOURCES);
      MarathonClient marathon = cluster.leadingMarathon("marathon", PATIENT);
      for (int a = 0; a < apps; a++) {
        marathon.expect(201, "POST", "/v2/apps", LaunchBenchmarks.app("/s6/app-" + a, sizes.s6Instances()).encode());
      }
      LaunchBenchmarks.awaitRunning(marathon, "/s6/", tasks, System.nanoTime(), new ArrayList<>(),
        Duration.ofMinutes(60));
      AtomicBoolean churning = new AtomicBoolean(true);
      Thread churn = new Thread(() -> {
        marathon.send("POST", "/v2/apps", LaunchBenchmarks.app("/churn", 0).encode());
        for (int i = 0; churning.get(); i++) {
          marathon.send("PUT", "/v2/apps/churn?force=true", new JsonObject().put("instances", i % 2 == 0 ? 50 : 0)
            .encode());
          sleep(1_000);
        }
      }, "churn");
      churn.start();
      try {
        Random random = new Random(3);
        for (int run = 0; run < runs; run++) {
          ClusterBenchmark.progress("S6 API latency", run, runs);
          List<Double> latencies = new ArrayList<>();
          for (int i = 0; i < 1_000; i++) {
            latencies.add(time(marathon.url() + "/v2/apps/s6/app-" + random.nextInt(apps)));
          }
          appP99.add(percentile(latencies, 99));
          lastRun = latencies;
          List<Double> states = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            states.add(time(master.url("master") + "/master/state"));
          }
          stateP99.add(percentile(states, 99));
        }
      } finally {
        churning.set(false);
        churn.join(10_000);
      }
    }
    String size = String.format("%,d apps, %,d tasks, one app scaling 0 <-> 50 every second", apps, tasks);
    report.add(new BenchReport.Row("S6", "GET /v2/apps/{id} p99 (1,000 requests a run), " + size, "ms", appP99,
      "Kubernetes SLO: 1 s p99", "<= 50 ms", v -> v <= 50));
    report.add(new BenchReport.Row("S6", "GET /master/state p99 (20 requests a run), " + size, "ms", stateP99,
      "Kubernetes SLO: 1 s p99", "<= 1,000 ms", v -> v <= 1_000));
    report.histogram("s6-app-latency", "S6 GET /v2/apps/{id}, " + size + " (last run)", "ms", lastRun);
  }

  /**
   * S7: the master's heap after a full GC, alone, with the agents registered, and with the tasks
   * running: the differences per agent and per task. A run is one more GC and reading.
   */
  private void heap() throws Exception {
    int agents = sizes.s7Agents();
    int tasks = sizes.s7Tasks();
    List<Double> perAgent = new ArrayList<>();
    List<Double> perTask = new ArrayList<>();
    try (ClusterFixture cluster = new ClusterFixture("bench-s7")) {
      DroverProcess master = cluster.master("master", PATIENT_MASTER);
      Await.until("the master leads", Duration.ofSeconds(60), () -> cluster.leaderUrl().isPresent());
      List<Double> alone = readings(master);
      ClusterBenchmark.emulatedAgents(cluster, "emu", agents, EMULATED_RESOURCES);
      List<Double> withAgents = readings(master);
      MarathonClient marathon = cluster.leadingMarathon("marathon", PATIENT);
      int apps = Math.max(1, tasks / 1_000);
      for (int a = 0; a < apps; a++) {
        marathon.expect(201, "POST", "/v2/apps", LaunchBenchmarks.app("/s7/app-" + a, tasks / apps).encode());
      }
      LaunchBenchmarks.awaitRunning(marathon, "/s7/", tasks, System.nanoTime(), new ArrayList<>(),
        Duration.ofMinutes(60));
      List<Double> withTasks = readings(master);
      for (int run = 0; run < runs; run++) {
        perAgent.add((withAgents.get(run) - alone.get(run)) / agents);
        perTask.add((withTasks.get(run) - withAgents.get(run)) / tasks);
      }
    }
    report.add(new BenchReport.Row("S7", String.format("master heap per agent (%,d emulated agents, after full GC)",
      agents), "KB", perAgent, "-", "<= 10 KB", v -> v <= 10));
    report.add(new BenchReport.Row("S7", String.format("master heap per task (%,d tasks, after full GC)", tasks), "KB",
      perTask, "-", "<= 2 KB", v -> v <= 2));
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /** The master's heap in use after a full GC, in KB, once per run. */
  private List<Double> readings(DroverProcess master) throws Exception {
    List<Double> readings = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      ClusterBenchmark.progress("S7 heap reading", run, runs);
      jcmd(master.pid(), "GC.run");
      double used = 0;
      for (String line : jcmd(master.pid(), "GC.heap_info").split("\n")) {
        // the generations, not Metaspace and its class space
        Matcher matcher = USED.matcher(line);
        if (!line.contains("Metaspace") && !line.contains("class space") && matcher.find()) {
          used += Long.parseLong(matcher.group(1));
        }
      }
      readings.add(used);
    }
    return readings;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    return output;
  }

  /** Milliseconds for one authenticated GET, body read. */
  private static double time(String url) {
    long start = System.nanoTime();
    HttpResponse<String> response = Http.get(url);
    if (response.statusCode() != 200) {
      throw new AssertionError(url + " answered " + response.statusCode());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
