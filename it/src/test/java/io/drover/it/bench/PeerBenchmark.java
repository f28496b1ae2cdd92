package io.drover.it.bench;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Command;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.drover.it.bench.ClusterBenchmark.PATIENT;
import static io.drover.it.bench.ClusterBenchmark.PATIENT_MASTER;
import static io.drover.it.bench.ClusterBenchmark.seconds;

/**
 * PEER: Drover (a real agent, the Docker executor) beside Docker Swarm mode on the same engine, and
 * a bare {@code docker run -d} loop as the floor: busybox containers to running, a scale to twice
 * as many, and how long a killed container takes to be replaced.
 */
final class PeerBenchmark {

  private static final String SERVICE = "drover-bench";

  private final BenchReport report;
  private final int containers;
  private final int runs;

  PeerBenchmark(ClusterBenchmark.Bench bench) {
    this.report = bench.report();
    this.containers = bench.sizes().peerContainers();
    this.runs = bench.runs();
  }

  void run() throws Exception {
    if (Docker.command("image", "inspect", Docker.IMAGE).code() != 0) {
      report.note("PEER skipped: no Docker engine with " + Docker.IMAGE + " (scripts/test.sh builds it)");
      return;
    }
    List<Double> floor = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      ClusterBenchmark.progress("PEER docker run floor", run, runs);
      floor.add(dockerRunLoop());
    }
    List<double[]> drover = new ArrayList<>();
    try (ClusterFixture cluster = new ClusterFixture("bench-peer")) {
      cluster.master("master", PATIENT_MASTER);
      cluster.agent("agent", "cpus:64;mem:65536;disk:1000;ports:[31000-31999]");
      cluster.awaitActiveAgents(1);
      MarathonClient marathon = cluster.leadingMarathon("marathon", PATIENT);
      String agentId = cluster.leaderState().getJsonArray("slaves").getJsonObject(0).getString("id");
      try {
        LaunchBenchmarks.warmUp(marathon);
        for (int run = 0; run < runs; run++) {
          ClusterBenchmark.progress("PEER Drover", run, runs);
          drover.add(droverRun(marathon, "/peer-" + run));
        }
      } finally {
        // containers outlive their agent by design: a run that broke off must not hold the ports for the next
        String left = Docker.containers("label=drover.agent=" + agentId);
        if (!left.isEmpty()) {
          Docker.command(ClusterFixture.concat(new String[] {"rm", "-f"}, left.lines().toArray(String[]::new)));
        }
      }
    }
    List<double[]> swarm = new ArrayList<>();
    String joined = Docker.command("swarm", "init", "--advertise-addr", "127.0.0.1").output();
    if (!joined.contains("Swarm initialized") && !joined.contains("already part of a swarm")) {
      report.note("PEER: Docker Swarm could not start here: " + joined.strip());
    } else {
      try {
        for (int run = 0; run < runs; run++) {
          ClusterBenchmark.progress("PEER Swarm", run, runs);
          swarm.add(swarmRun());
        }
      } finally {
        Docker.command("swarm", "leave", "--force");
      }
    }
    String twice = containers + " -> " + 2 * containers;
    row(containers + " busybox containers to running", column(drover, 0), column(swarm, 0), floor);
    row("scale " + twice, column(drover, 1), column(swarm, 1), List.of());
    row("replacement of a killed container (" + 2 * containers + " running)", column(drover, 2), column(swarm, 2),
      List.of());
  }

  private void row(String what, List<Double> drover, List<Double> swarm, List<Double> floor) {
    report.add(new BenchReport.Row("PEER", "Drover: " + what, "s", drover, "-", "<= Swarm", null));
    report.add(new BenchReport.Row("PEER", "Docker Swarm: " + what, "s", swarm, "-", "-", null));
    if (!swarm.isEmpty() && !drover.isEmpty()) {
      report.add(new BenchReport.Row("PEER", "ratio Drover / Swarm: " + what, "x", ratios(drover, swarm), "-",
        "<= 1", v -> v <= 1));
    }
    if (!floor.isEmpty()) {
      report.add(new BenchReport.Row("PEER", "bare docker run -d loop (floor): " + what, "s", floor, "-", "-", null));
      report.add(new BenchReport.Row("PEER", "ratio Drover / floor: " + what, "x", ratios(drover, floor), "-",
        "<= 1.2", v -> v <= 1.2));
    }
  }

  private static List<Double> ratios(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return ratios;
  }

  private static List<Double> column(List<double[]> runs, int index) {
    return runs.stream().map(r -> r[index]).toList();
  }

  /** Seconds until {@code containers} containers started one after another are all running. */
  private double dockerRunLoop() throws Exception {
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < containers; i++) {
      Command.Result run = Docker.command("run", "-d", "--label", "drover-bench=floor", Docker.IMAGE, "sleep",
        "3600");
      if (run.code() != 0) {
        throw new AssertionError("docker run failed: " + run.output());
      }
      ids.add(run.output().strip());
    }
    double seconds = seconds(start);
    Docker.command(ClusterFixture.concat(new String[] {"rm", "-f"}, ids.toArray(String[]::new)));
    return seconds;
  }

  /** Deploy, scale to twice as many, kill one container: seconds for each. */
  private double[] droverRun(MarathonClient marathon, String id) throws Exception {
    double[] figures = new double[3];
    long start = System.nanoTime();
    marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", id).put("cmd", "sleep 3600").put("cpus", 0.01)
      .put("mem", 16).put("instances", containers).put("container", new JsonObject().put("type", "DOCKER")
        .put("docker", new JsonObject().put("image", Docker.IMAGE).put("network", "BRIDGE")))
      .put("portDefinitions", new JsonArray()).encode());
    LaunchBenchmarks.awaitRunning(marathon, id, containers, start, new ArrayList<>(), Duration.ofMinutes(10));
    figures[0] = seconds(start);
    Await.until("the deployment is over", Duration.ofMinutes(2), () -> marathon.deployments().isEmpty());
    start = System.nanoTime();
    marathon.expect(200, "PUT", "/v2/apps" + id, new JsonObject().put("instances", 2 * containers).encode());
    LaunchBenchmarks.awaitRunning(marathon, id, 2 * containers, start, new ArrayList<>(), Duration.ofMinutes(10));
    figures[1] = seconds(start);
    Await.until("the deployment is over", Duration.ofMinutes(2), () -> marathon.deployments().isEmpty());
    Set<String> before = marathon.running(id.substring(1)).stream().map(t -> t.getString("id"))
      .collect(Collectors.toSet());
    String victim = before.iterator().next();
    String container = Docker.command("ps", "-q", "--filter", "label=drover.task=" + victim).output().strip();
    start = System.nanoTime();
    Docker.command("kill", container);
    Await.closely("a replacement runs", Duration.ofMinutes(5), () -> {
      List<JsonObject> running = marathon.running(id.substring(1));
      return running.size() == 2 * containers && running.stream().noneMatch(t -> t.getString("id").equals(victim));
    });
    figures[2] = seconds(start);
    marathon.expect(200, "DELETE", "/v2/apps" + id + "?force=true", null);
    LaunchBenchmarks.awaitRunning(marathon, id, 0, System.nanoTime(), new ArrayList<>(), Duration.ofMinutes(5));
    return figures;
  }

  /** The same three steps for a Swarm service. */
  private double[] swarmRun() throws Exception {
    double[] figures = new double[3];
    long start = System.nanoTime();
    Command.Result created = Docker.command("service", "create", "--detach", "--no-resolve-image", "--name", SERVICE,
      "--replicas", Integer.toString(containers), Docker.IMAGE, "sleep", "3600");
    if (created.code() != 0) {
      throw new AssertionError("docker service create failed: " + created.output());
    }
    awaitSwarmRunning(containers);
    figures[0] = seconds(start);
    start = System.nanoTime();
    Docker.command("service", "scale", "--detach", SERVICE + "=" + 2 * containers);
    awaitSwarmRunning(2 * containers);
    figures[1] = seconds(start);
    String container = Docker.command("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + SERVICE)
      .output().lines().findFirst().orElseThrow();
    start = System.nanoTime();
    Docker.command("kill", container);
    Await.closely("Swarm notices the kill", Duration.ofMinutes(1), () -> swarmRunning() < 2 * containers
      || !running(container));
    awaitSwarmRunning(2 * containers);
    figures[2] = seconds(start);
    Docker.command("service", "rm", SERVICE);
    Await.until("the service's containers are gone", Duration.ofMinutes(2), () -> swarmRunning() == 0);
    return figures;
  }

  private static boolean running(String container) {
    try {
      return Docker.command("inspect", "-f", "{{.State.Running}}", container).output().strip().equals("true");
    } catch (Exception e) {
      return false;
    }
  }

  private static void awaitSwarmRunning(int count) {
    Await.closely(count + " Swarm tasks running", Duration.ofMinutes(10), () -> swarmRunning() == count);
  }

  /** Containers of the service the engine reports running (what Swarm's own state lags behind). */
  private static int swarmRunning() {
    try {
      return (int) Docker.command("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + SERVICE,
        "--filter", "status=running").output().lines().filter(l -> !l.isBlank()).count();
    } catch (Exception e) {
      return -1;
    }
  }
}
