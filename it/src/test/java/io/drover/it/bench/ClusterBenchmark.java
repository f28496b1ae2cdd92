package io.drover.it.bench;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code scripts/bench.sh [--quick|--full] [--runs N] [S1 .. S7 PEER]}: starts what each scenario
 * needs as separate processes (ZooKeeper, masters, marathon, emulated and real agents), runs it
 * several times and writes {@code target/bench/report.md}, {@code report.json} and PNG charts.
 * A benchmark, not a test: it asserts nothing and prints figures.
 */
public final class ClusterBenchmark {

  /**
   * How big each scenario is. {@code standard} fits this 2-core machine in about an hour; {@code full}
   * is the sizes where they differ; {@code quick} keeps the harness working in a minute or two.
   */
  record Sizes(String name, List<Integer> s1Agents, int s1Samples, int s3Apps, int s3Instances, int s3Agents,
               List<Integer> s4Instances, int s4Agents, int s4ShellTasks, int s5Agents, int s6Apps,
               int s6Instances, int s6Agents, int s7Agents, int s7Tasks, int peerContainers) {

    static Sizes of(String name) {
      return switch (name) {
        case "quick" -> new Sizes(name, List.of(50), 50, 5, 10, 50, List.of(100), 50, 20, 50, 20, 5, 50, 50, 500, 4);
        case "full" -> new Sizes(name, List.of(1_000, 10_000), 300, 1_000, 100, 10_000, List.of(1_000, 10_000), 1_000,
          200, 4_000, 10_000, 10, 10_000, 4_000, 100_000, 20);
        default -> new Sizes("standard", List.of(1_000, 10_000), 300, 100, 100, 1_000, List.of(1_000, 10_000), 1_000,
          200, 4_000, 1_000, 10, 1_000, 1_000, 10_000, 20);
      };
    }
  }

  /** When this benchmark started, for the progress lines. */
  private static final long STARTED = System.nanoTime();

  /** One line as each run begins, so a long benchmark shows where it is. */
  static void progress(String what, int run, int runs) {
    System.out.printf(Locale.ROOT, "   %s: run %d of %d (%.0f s in)%n", what, run + 1, runs, seconds(STARTED));
  }

  /** What every scenario gets: where figures go, how big, how many runs. */
  record Bench(BenchReport report, Sizes sizes, int runs) {
  }

  static final String[] PATIENT_MASTER = {"--zk-session-timeout-ms", "10000", "--agent-ping-timeout-ms", "15000",
    "--max-agent-ping-timeouts", "5", "--framework-heartbeat-ms", "5000"};
  static final String[] PATIENT = {"--zk-session-timeout-ms", "10000"};
  static final String EMULATED_RESOURCES = "cpus:8;mem:16384;disk:102400;ports:[31000-32999]";

  private ClusterBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    run(Path.of(System.getProperty("drover.home", ".."), "target", "bench"), args);
  }

  /** Runs the scenarios {@code args} name (all by default) and writes the report in {@code dir}. */
  public static void run(Path dir, String... args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    String size = "standard";
    int runs = 3;
    Set<String> scenarios = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> size = "quick";
        case "--full" -> size = "full";
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> scenarios.add(args[i].toUpperCase(Locale.ROOT));
      }
    }
    if (scenarios.isEmpty()) {
      scenarios.addAll(List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7", "PEER"));
    }
    Sizes sizes = Sizes.of(size);
    if (size.equals("quick") && !List.of(args).contains("--runs")) {
      runs = 1;
    }
    BenchReport report = new BenchReport(dir, machine() + ", sizes " + sizes.name() + ", " + runs + " run(s) each",
      scenarios);
    Bench bench = new Bench(report, sizes, runs);
    for (String scenario : scenarios) {
      long started = System.nanoTime();
      System.out.println("== " + scenario + " (" + sizes.name() + ")");
      try {
        switch (scenario) {
          case "S1", "S3", "S4" -> new LaunchBenchmarks(bench).run(scenario);
          case "S2" -> allocator(report, sizes, runs);
          case "S5", "S6", "S7" -> new ControlPlaneBenchmarks(bench).run(scenario);
          case "PEER" -> new PeerBenchmark(bench).run();
          default -> throw new IllegalArgumentException("unknown scenario " + scenario + " (S1..S7, PEER)");
        }
      } catch (Exception | AssertionError e) {
        report.note(scenario + " did not finish: " + e.getMessage());
      } finally {
        DroverProcess.killTasksUnder(Path.of("target", "it-work"));
      }
      System.out.printf(Locale.ROOT, "== %s took %.0f s%n", scenario, seconds(started));
    }
    System.out.println("report: " + dir.toAbsolutePath().resolve("report.md"));
  }

  /** S2, through JMH: each measured iteration is a run's figure. */
  private static void allocator(BenchReport report, Sizes sizes, int runs) throws Exception {
    int iterations = Math.max(runs, 3);
    var options = new OptionsBuilder().include(AllocatorBenchmark.class.getName() + ".allocate")
      .param("agents", sizes.name().equals("quick") ? "1000" : "10000")
      .forks(1).jvmArgs("-Xmx3g", "-XX:+UseParallelGC").warmupIterations(3).warmupTime(TimeValue.seconds(2))
      .measurementIterations(iterations).measurementTime(TimeValue.seconds(2)).build();
    for (RunResult result : new Runner(options).run()) {
      String frameworks = result.getParams().getParam("frameworks");
      String agents = result.getParams().getParam("agents");
      List<Double> values = new ArrayList<>();
      result.getBenchmarkResults().forEach(b -> b.getIterationResults().stream()
        .map(IterationResult::getPrimaryResult).forEach(r -> values.add(r.getScore())));
      boolean many = !frameworks.equals("1");
      report.add(new BenchReport.Row("S2", "one allocation cycle, " + agents + " agents x " + frameworks
        + " framework(s)" + (many ? ", 50 decline filters per agent" : ""), "ms", values,
        many ? "Mesos 1.7.1 DeclineOffers/21: 1060 ms" : "-", many ? "<= 500 ms" : "<= 50 ms",
        v -> v <= (many ? 500 : 50)));
    }
  }

  static String machine() {
    String commit;
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      commit = new String(git.getInputStream().readAllBytes()).strip();
      git.waitFor();
    } catch (Exception e) {
      commit = "unknown";
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20)
      + " MB max heap here, Java " + System.getProperty("java.version") + ", drover " + commit;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** Starts a process of {@code count} emulated agents, each offering {@code resources}; waits until all count. */
  static DroverProcess emulatedAgents(ClusterFixture cluster, String name, int count, String resources) {
    DroverProcess agents = cluster.agent(name, resources, "--emulate", Integer.toString(count),
      "--hostname", name, "--heartbeat-interval-ms", "5000", "--zk-session-timeout-ms", "10000");
    Await.until(count + " emulated agents registered", Duration.ofMinutes(10),
      () -> cluster.leaderState().getInteger("activated_slaves") >= count);
    return agents;
  }
}
