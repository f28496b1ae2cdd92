package io.drover.it.bench;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.drover.it.bench.ClusterBenchmark.EMULATED_RESOURCES;
import static io.drover.it.bench.ClusterBenchmark.PATIENT;
import static io.drover.it.bench.ClusterBenchmark.PATIENT_MASTER;
import static io.drover.it.bench.ClusterBenchmark.percentile;
import static io.drover.it.bench.ClusterBenchmark.seconds;

/** How fast work is placed: S1 launch overhead, S3 sustained launch throughput, S4 one app to running. */
final class LaunchBenchmarks {

  static final Resources TINY = Resources.parse("cpus:0.01;mem:4");

  private final BenchReport report;
  private final ClusterBenchmark.Sizes sizes;
  private final int runs;

  LaunchBenchmarks(ClusterBenchmark.Bench bench) {
    this.report = bench.report();
    this.sizes = bench.sizes();
    this.runs = bench.runs();
  }

  void run(String scenario) throws Exception {
    switch (scenario) {
      case "S1" -> {
        for (int agents : sizes.s1Agents()) {
          launchOverhead(agents);
        }
      }
      case "S3" -> throughput();
      default -> oneAppToRunning();
    }
  }

  /**
   * S1: with every agent already running a task, one task at a time is accepted on a fresh offer
   * and timed from the accept call to the framework hearing TASK_RUNNING; a run is a batch of those.
   */
  private void launchOverhead(int agents) throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("bench-s1")) {
      cluster.master("master", PATIENT_MASTER);
      ClusterBenchmark.emulatedAgents(cluster, "emu", agents, EMULATED_RESOURCES);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "bench-s1")) {
        // keep them busy: one task on every agent first, accepted as the offers come
        List<String> filler = new ArrayList<>();
        while (filler.size() < agents) {
          String id = "fill-" + filler.size();
          launchOne(framework, id);
          filler.add(id);
        }
        Await.until("the filler tasks run", Duration.ofMinutes(5),
          () -> filler.stream().allMatch(id -> framework.runningAt(id) != null));
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> lastRun = List.of();
        for (int run = 0; run < runs; run++) {
          ClusterBenchmark.progress("S1 launch latency", run, runs);
          List<Double> latencies = new ArrayList<>();
          for (int i = 0; i < sizes.s1Samples(); i++) {
            String id = "probe-" + run + "-" + i;
            long start = launchOne(framework, id);
            Await.closely(id + " running", Duration.ofSeconds(60), () -> framework.runningAt(id) != null);
            long running = framework.runningAt(id);
            latencies.add((running - start) / 1e6);
          }
          p50.add(percentile(latencies, 50));
          p99.add(percentile(latencies, 99));
          lastRun = latencies;
        }
        String size = String.format("%,d", agents) + " emulated agents, each running a task";
        double target = agents >= 10_000 ? 250 : 100;
        report.add(new BenchReport.Row("S1", "launch overhead p50 (accept -> RUNNING at the framework), " + size, "ms",
          p50, "Mesos paper: < 1 s at 50,000 emulated agents", "-", null));
        report.add(new BenchReport.Row("S1", "launch overhead p99, " + size + ", " + sizes.s1Samples()
          + " launches a run", "ms", p99, "Mesos paper: < 1 s at 50,000 emulated agents", "p99 < " + (int) target
          + " ms", v -> v < target));
        report.histogram("s1-latency-" + agents, "S1 launch overhead, " + size + " (last run)", "ms", lastRun);
      }
    }
  }

  /**
   * Accepts one task on an offer and answers when the accept call began ({@link System#nanoTime()}).
   * At 10,000 agents some offers time out before the framework gets to them: another is taken then.
   */
  private static long launchOne(TestFramework framework, String taskId) {
    while (true) {
      Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
      long start = System.nanoTime();
      try {
        framework.call(d -> d.accept(List.of(offer.getId()), List.of(TaskInfo.command(taskId, offer.getAgentId(), TINY,
          "sleep 3600")), new Filters(0)));
        return start;
      } catch (AssertionError e) {
        if (!String.valueOf(e.getMessage()).contains("unknown offer")) {
          throw e;
        }
      }
    }
  }

  /** S3: many apps posted one after another onto emulated agents, first POST to last RUNNING. */
  private void throughput() throws Exception {
    int total = sizes.s3Apps() * sizes.s3Instances();
    List<Double> rates = new ArrayList<>();
    List<List<double[]>> curves = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StageBreakdown stages = new StageBreakdown();
    try (ClusterFixture cluster = new ClusterFixture("bench-s3")) {
      cluster.master("master", PATIENT_MASTER);
      ClusterBenchmark.emulatedAgents(cluster, "emu", sizes.s3Agents(), EMULATED_RESOURCES);
      MarathonClient marathon = cluster.leadingMarathon("marathon", PATIENT);
      warmUp(marathon);
      for (int run = 0; run < runs; run++) {
        ClusterBenchmark.progress("S3 throughput", run, runs);
        String group = "/s3-" + run;
        List<double[]> curve = new ArrayList<>();
        long start = System.nanoTime();
        for (int a = 0; a < sizes.s3Apps(); a++) {
          marathon.expect(201, "POST", "/v2/apps", app(group + "/app-" + a, sizes.s3Instances()).encode());
        }
        awaitRunning(marathon, group, total, start, curve, Duration.ofMinutes(30));
        double seconds = seconds(start);
        rates.add(total / seconds);
        curves.add(curve);
        names.add("run " + (run + 1));
        stages.collect(marathon, group + "/");
        marathon.expect(200, "DELETE", "/v2/groups" + group + "?force=true", null);
        awaitRunning(marathon, group, 0, System.nanoTime(), new ArrayList<>(), Duration.ofMinutes(10));
      }
    }
    report.add(new BenchReport.Row("S3", String.format("sustained launch: %,d apps x %,d instances onto %,d emulated agents,"
        + " first POST to last RUNNING", sizes.s3Apps(), sizes.s3Instances(), sizes.s3Agents()), "tasks/s", rates,
      "Nomad C1M 3,750 containers/s; Kubernetes 680-810 pods/s", ">= 4,000 tasks/s", v -> v >= 4_000));
    report.lines("s3-running", "S3 tasks running over time", "s since the first POST", "tasks running", names, curves);
    stages.report(report, "S3", String.format("%,d apps x %,d instances on %,d emulated agents", sizes.s3Apps(),
      sizes.s3Instances(), sizes.s3Agents()));
  }

  /** S4: one app POSTed, until all its instances run; on emulated agents and on one real agent. */
  private void oneAppToRunning() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("bench-s4")) {
      cluster.master("master", PATIENT_MASTER);
      ClusterBenchmark.emulatedAgents(cluster, "emu", sizes.s4Agents(), EMULATED_RESOURCES);
      MarathonClient marathon = cluster.leadingMarathon("marathon", PATIENT);
      warmUp(marathon);
      List<String> names = new ArrayList<>();
      List<List<double[]>> curves = new ArrayList<>();
      for (int instances : sizes.s4Instances()) {
        List<Double> seconds = new ArrayList<>();
        List<Double> messages = new ArrayList<>();
        StageBreakdown stages = new StageBreakdown();
        for (int run = 0; run < runs; run++) {
          ClusterBenchmark.progress("S4 one app to running", run, runs);
          List<double[]> curve = new ArrayList<>();
          String id = "/s4-" + instances + "-" + run;
          long before = masterMessages(cluster);
          long[] after = new long[1];
          seconds.add(postAndAwait(marathon, id, instances, curve, () -> {
            after[0] = masterMessages(cluster);
            stages.collect(marathon, id);
          }));
          messages.add((after[0] - before) / (double) instances);
          if (run == runs - 1) {
            names.add(String.format("%,d instances", instances));
            curves.add(curve);
          }
        }
        double target = instances >= 10_000 ? 5 : 1;
        report.add(new BenchReport.Row("S4", String.format("one app POST -> %,d instances RUNNING on %,d emulated agents",
          instances, sizes.s4Agents()), "s", seconds, "Marathon 0.15: 500 instances in 14.2 s",
          "<= " + (int) target + " s", v -> v <= target));
        report.add(new BenchReport.Row("S4", String.format("event-bus messages per task at the master (sent and"
          + " received, POST -> all RUNNING), %,d instances", instances), "messages", messages, "about 15 before"
          + " batching", "<= 4", v -> v <= 4));
        stages.report(report, "S4", String.format("one app of %,d instances on %,d emulated agents", instances,
          sizes.s4Agents()));
      }
      report.lines("s4-running", "S4 one app: instances running over time", "s since the POST", "instances running",
        names, curves);
    }
    try (ClusterFixture cluster = new ClusterFixture("bench-s4-real")) {
      cluster.master("master", PATIENT_MASTER);
      cluster.agent("agent", "cpus:64;mem:65536;disk:1000;ports:[31000-31999]");
      cluster.awaitActiveAgents(1);
      MarathonClient marathon = cluster.leadingMarathon("marathon", PATIENT);
      warmUp(marathon);
      List<Double> seconds = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      List<Double> ratio = new ArrayList<>();
      StageBreakdown stages = new StageBreakdown();
      for (int run = 0; run < runs; run++) {
        ClusterBenchmark.progress("S4 one app to running (Docker)", run, runs);
        double drover = postAndAwait(marathon, "/s4-shell-" + run, sizes.s4ShellTasks(), new ArrayList<>(), stages);
        double bare = spawnFloor(sizes.s4ShellTasks());
        seconds.add(drover);
        floor.add(bare);
        ratio.add(drover / bare);
      }
      String shells = sizes.s4ShellTasks() + " shell tasks (sleep)";
      report.add(new BenchReport.Row("S4", "one app POST -> " + shells + " RUNNING on one real agent", "s", seconds,
        "Marathon 0.15: 500 instances in 14.2 s", "<= 1 s", v -> v <= 1));
      report.add(new BenchReport.Row("S4", "floor: one process spawning " + shells + " in new sessions", "s", floor,
        "-", "-", null));
      report.add(new BenchReport.Row("S4", "ratio Drover / floor: " + shells, "x", ratio, "-", "<= 2",
        v -> v <= 2));
      stages.report(report, "S4", "one app of " + sizes.s4ShellTasks() + " shell tasks on one real agent");
    }
  }

  /**
   * The floor for starting shell tasks on this machine, measured in the same run: this JVM starts
   * {@code count} {@code sleep}s, each in a session of its own as a task's is, one after the other,
   * then stops them. Seconds until the last one was started.
   */
  static double spawnFloor(int count) throws Exception {
    List<Process> started = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        started.add(new ProcessBuilder("setsid", "/bin/sh", "-c", "sleep 3600").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
      }
      return seconds(start);
    } finally {
      for (Process process : started) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      for (Process process : started) {
        process.waitFor();
      }
    }
  }

  /**
   * One small deployment before anything is timed: a marathon elected a moment ago is still
   * recovering and reconciling, and none of the JVMs has compiled the launch path yet.
   */
  static void warmUp(MarathonClient marathon) {
    postAndAwait(marathon, "/warm-up", 20, new ArrayList<>(), new StageBreakdown());
  }

  /** Every message the leading master's event bus sent and received so far. */
  private static long masterMessages(ClusterFixture cluster) {
    JsonObject snapshot = Http.json(cluster.leaderUrl().orElseThrow() + "/metrics/snapshot");
    return snapshot.getLong("master/event_bus_messages_received") + snapshot.getLong("master/event_bus_messages_sent");
  }

  /**
   * Seconds from the POST until all instances run; their launch traces go to {@code stages}, and
   * the app is deleted again afterwards.
   */
  static double postAndAwait(MarathonClient marathon, String id, int instances, List<double[]> curve,
                             StageBreakdown stages) {
    return postAndAwait(marathon, id, instances, curve, () -> stages.collect(marathon, id));
  }

  /** Seconds from the POST until all instances run; {@code whenRunning} runs then, before the app is deleted. */
  static double postAndAwait(MarathonClient marathon, String id, int instances, List<double[]> curve,
                             Runnable whenRunning) {
    long start = System.nanoTime();
    marathon.expect(201, "POST", "/v2/apps", app(id, instances).encode());
    awaitRunning(marathon, id, instances, start, curve, Duration.ofMinutes(10));
    double seconds = seconds(start);
    whenRunning.run();
    marathon.expect(200, "DELETE", "/v2/apps" + id + "?force=true", null);
    awaitRunning(marathon, id, 0, System.nanoTime(), new ArrayList<>(), Duration.ofMinutes(5));
    return seconds;
  }

  static JsonObject app(String id, int instances) {
    return new JsonObject().put("id", id).put("cmd", "sleep 3600").put("cpus", 0.01).put("mem", 4)
      .put("instances", instances).put("portDefinitions", new JsonArray());
  }

  /**
   * Waits until the apps under {@code prefix} run {@code count} tasks, looking (without their tasks)
   * every 10 ms and recording (seconds, running) for a chart.
   */
  static void awaitRunning(MarathonClient marathon, String prefix, int count, long start, List<double[]> curve,
                           Duration timeout) {
    Await.closely(count + " tasks of " + prefix + " running", timeout, () -> {
      int running = 0;
      int staged = 0;
      for (Object app : marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps")) {
        JsonObject json = (JsonObject) app;
        if (json.getString("id").startsWith(prefix)) {
          running += json.getInteger("tasksRunning", 0);
          staged += json.getInteger("tasksStaged", 0);
        }
      }
      curve.add(new double[] {seconds(start), running});
      return running == count && (count > 0 || staged == 0);
    });
  }
}
