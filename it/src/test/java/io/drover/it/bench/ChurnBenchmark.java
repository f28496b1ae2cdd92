package io.drover.it.bench;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Command;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A benchmark, not a test (run it with {@code scripts/bench-churn.sh}): what a long life of apps
 * coming and going leaves behind. A master, a marathon and two real agents (separate JVMs, real
 * command tasks, cgroups where the machine has them) go through rounds of apps created, scaled up
 * and deleted, an agent killed with SIGKILL and restarted on its work directory every few rounds.
 * Before the first round and after the last it takes each process's heap after a full GC, its open
 * file descriptors, the agents' cgroup directories and the agents the master keeps, and prints them
 * side by side. A restarted agent's figures are its new process's.
 */
public final class ChurnBenchmark {

  static final String[] HIERARCHIES = {"memory", "cpu", "cpuacct", "freezer"};
  static final Path CGROUPS = Path.of("/sys/fs/cgroup");
  /** Summed over a GC's generations in {@code GC.heap_info}: "total 1234K, used 567K". */
  private static final Pattern GENERATION_USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  /**
   * How big a churn run is. {@code warmupRounds} come before the start's footprint: enough of them
   * fill the caches Mesos and Marathon bound by design (1,000 completed tasks per framework, Marathon's
   * event backlog), so that what the footprints compare is what stays, not what is remembered.
   */
  public record Size(int rounds, int appsPerRound, int scaledTo, int restartEvery, int warmupRounds) {
    public int apps() {
      return rounds * appsPerRound;
    }
  }

  /** What the cluster holds at one moment; by process name where it is per process. */
  public record Footprint(Map<String, Long> heapKb, Map<String, Long> fds, long cgroupDirs, int agentsKnown,
                          int activeTasks) {
  }

  /** The run's two footprints and what happened between them. */
  public record Result(Size size, Footprint start, Footprint end, int restarts, double seconds) {
  }

  private final ClusterFixture cluster;
  private final MarathonClient marathon;
  private final Map<String, DroverProcess> processes = new LinkedHashMap<>();
  private final Set<String> agentIds = new HashSet<>();

  private ChurnBenchmark(ClusterFixture cluster, MarathonClient marathon) {
    this.cluster = cluster;
    this.marathon = marathon;
  }

  public static void main(String[] args) throws Exception {
    Size size = new Size(args.length > 0 ? Integer.parseInt(args[0]) : 50, args.length > 1 ? Integer.parseInt(args[1]) : 6,
      args.length > 2 ? Integer.parseInt(args[2]) : 3, args.length > 3 ? Integer.parseInt(args[3]) : 5,
      args.length > 4 ? Integer.parseInt(args[4]) : 1);
    Result result = run(Path.of("target"), size);
    System.out.printf(Locale.ROOT, "%d warm-up rounds, then %d rounds: %d apps created, scaled to %d and deleted, "
      + "%d agent restarts, %.0f s%n", size.warmupRounds(), size.rounds(), size.apps(), size.scaledTo(),
      result.restarts(), result.seconds());
    System.out.println("| what | start | end |");
    System.out.println("|---|---|---|");
    for (String name : result.start().heapKb().keySet()) {
      row(name + " heap after GC (MB)", result.start().heapKb().get(name) / 1024.0, result.end().heapKb().get(name) / 1024.0);
      row(name + " open fds", result.start().fds().get(name), result.end().fds().get(name));
    }
    row("cgroup directories under drover/<agent>", result.start().cgroupDirs(), result.end().cgroupDirs());
    row("agents the master knows (incl. unreachable)", result.start().agentsKnown(), result.end().agentsKnown());
    row("active tasks at the master", result.start().activeTasks(), result.end().activeTasks());
  }

  /** Runs the churn in a cluster of its own under {@code target} and answers both footprints. */
  public static Result run(Path target, Size size) throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("churn")) {
      // the defaults' patience: an agent's restart must not make it unreachable on a loaded machine
      DroverProcess master = cluster.master("master", ClusterBenchmark.PATIENT_MASTER);
      DroverProcess agent1 = cluster.agent("agent-1", "cpus:4;mem:4096;disk:1000;ports:[31000-31499]");
      DroverProcess agent2 = cluster.agent("agent-2", "cpus:4;mem:4096;disk:1000;ports:[31500-31999]");
      cluster.awaitActiveAgents(2);
      DroverProcess marathon = cluster.marathon("marathon", ClusterBenchmark.PATIENT);
      MarathonClient client = new MarathonClient(marathon.url("marathon"));
      Await.until("marathon leads", PATIENCE, () -> client.send("GET", "/v2/info", null).status() == 200);
      ChurnBenchmark churn = new ChurnBenchmark(cluster, client);
      churn.processes.put("master", master);
      churn.processes.put("marathon", marathon);
      churn.processes.put("agent-1", agent1);
      churn.processes.put("agent-2", agent2);
      churn.agentIds.addAll(ids(cluster.leaderState().getJsonArray("slaves")));
      // warm first, so the start is a warm cluster (classes loaded, pools and bounded caches filled)
      for (int round = 1; round <= Math.max(1, size.warmupRounds()); round++) {
        churn.round("warm" + round, 0, size);
      }
      Footprint start = churn.footprint();
      long began = System.nanoTime();
      int restarts = 0;
      for (int round = 1; round <= size.rounds(); round++) {
        boolean restart = size.restartEvery() > 0 && round % size.restartEvery() == 0;
        churn.round("r" + round, restart ? round / size.restartEvery() : 0, size);
        restarts += restart ? 1 : 0;
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      return new Result(size, start, churn.footprint(), restarts, seconds);
    }
  }

  /**
   * Creates {@code appsPerRound} apps of one instance, scales them to {@code scaledTo}, restarts agent
   * {@code restart} (1 or 2, by parity; 0 for none) while they run, then deletes them and waits until
   * the master has no task left.
   */
  private void round(String prefix, int restart, Size size) throws Exception {
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < size.appsPerRound(); i++) {
      String id = "churn-" + prefix + "-" + i;
      apps.add(id);
      marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/" + id).put("cmd", "sleep 600")
        .put("instances", 1).put("cpus", 0.01).put("mem", 16).encode());
    }
    awaitRunning(apps, 1);
    for (String id : apps) {
      marathon.expect(200, "PUT", "/v2/apps/" + id, new JsonObject().put("instances", size.scaledTo()).encode());
    }
    awaitRunning(apps, size.scaledTo());
    if (restart > 0) {
      String name = "agent-" + (restart % 2 + 1);
      DroverProcess agent = processes.get(name);
      agent.kill9();
      processes.put(name, cluster.restart(agent));
      cluster.awaitActiveAgents(2);
      // the restarted agent takes back its tasks: every instance still runs
      awaitRunning(apps, size.scaledTo());
    }
    for (String id : apps) {
      marathon.expect(200, "DELETE", "/v2/apps/" + id, null);
    }
    Await.until(prefix + ": every task ended at the master", PATIENCE, () -> activeTasks(cluster.leaderState()) == 0);
  }

  /**
   * Waits until every app runs {@code instances} and its deployment has finished: as in Marathon,
   * an app stays locked a moment after its tasks run, and a change then answers 409.
   */
  private void awaitRunning(List<String> apps, int instances) {
    Await.until(apps.size() + " apps with " + instances + " running, deployed", PATIENCE,
      () -> apps.stream().map(marathon::app).allMatch(app -> app.getInteger("tasksRunning") == instances
        && app.getJsonArray("deployments").isEmpty()));
  }

  /**
   * The cluster's footprint once the master's books are settled: every process's heap after a
   * full GC, its open file descriptors, and the cgroup directories of this run's agents.
   */
  private Footprint footprint() throws Exception {
    Map<String, Long> heap = new LinkedHashMap<>();
    Map<String, Long> fds = new LinkedHashMap<>();
    for (var named : processes.entrySet()) {
      heap.put(named.getKey(), heapAfterGcKb(named.getValue().pid()));
      fds.put(named.getKey(), openFds(named.getValue().pid()));
    }
    JsonObject state = cluster.leaderState();
    // slaves lists the unreachable agents as well
    return new Footprint(heap, fds, cgroupDirs(agentIds), state.getJsonArray("slaves").size(), activeTasks(state));
  }

  static long heapAfterGcKb(long pid) throws Exception {
    jcmd(pid, "GC.run");
    Matcher used = GENERATION_USED.matcher(jcmd(pid, "GC.heap_info"));
    long kb = 0;
    while (used.find()) {
      kb += Long.parseLong(used.group(1));
    }
    return kb;
  }

  private static String jcmd(long pid, String what) throws Exception {
    Command.Result result = Command.run(new ProcessBuilder("jcmd", Long.toString(pid), what), Duration.ofMinutes(1));
    if (result.code() != 0) {
      throw new AssertionError("jcmd " + pid + " " + what + ": " + result.output());
    }
    return result.output();
  }

  static long openFds(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    }
  }

  /**
   * The directories under {@code drover/<agent>} (the agent's own included) in every hierarchy, for
   * these agents only: other clusters on the machine have theirs. A hierarchy reached by two names
   * (cpu and cpuacct mounted together) counts once.
   */
  public static long cgroupDirs(Set<String> agentIds) throws IOException {
    Set<Path> seen = new HashSet<>();
    for (String hierarchy : HIERARCHIES) {
      for (String agentId : agentIds) {
        Path agent = CGROUPS.resolve(hierarchy).resolve("drover").resolve(agentId);
        if (Files.isDirectory(agent)) {
          try (Stream<Path> dirs = Files.walk(agent)) {
            dirs.filter(Files::isDirectory).map(ChurnBenchmark::real).forEach(seen::add);
          }
        }
      }
    }
    return seen.size();
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException gone) {
      return path;
    }
  }

  private static int activeTasks(JsonObject state) {
    return state.getJsonArray("frameworks").stream().map(JsonObject.class::cast)
      .mapToInt(f -> f.getJsonArray("tasks").size()).sum();
  }

  private static List<String> ids(JsonArray agents) {
    return agents.stream().map(JsonObject.class::cast).map(a -> a.getString("id")).toList();
  }

  private static void row(String what, Object start, Object end) {
    String format = start instanceof Double ? "| %s | %.1f | %.1f |%n" : "| %s | %s | %s |%n";
    System.out.printf(Locale.ROOT, format, what, start, end);
  }
}
