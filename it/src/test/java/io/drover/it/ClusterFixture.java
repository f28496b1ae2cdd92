package io.drover.it;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Drover cluster of real processes for one test: an embedded ZooKeeper, masters and agents, each
 * its own JVM with its own work directory and free ports. Timeouts are short so that faults show
 * quickly, but nothing is timed tighter than a loaded 2-core machine meets.
 */
final class ClusterFixture implements AutoCloseable {

  static final int SESSION_TIMEOUT_MS = 2_000;
  static final int AGENT_PING_TIMEOUT_MS = 500;
  static final int MAX_AGENT_PING_TIMEOUTS = 4;

  static final String[] FAST_MASTER = {
    "--zk-session-timeout-ms", Integer.toString(SESSION_TIMEOUT_MS),
    "--agent-ping-timeout-ms", Integer.toString(AGENT_PING_TIMEOUT_MS),
    "--max-agent-ping-timeouts", Integer.toString(MAX_AGENT_PING_TIMEOUTS),
    "--framework-heartbeat-ms", "1000",
    "--allocation-interval-ms", "250",
    "--agent-reregister-timeout-ms", "20000"};
  static final String[] FAST_AGENT = {
    "--zk-session-timeout-ms", Integer.toString(SESSION_TIMEOUT_MS),
    "--heartbeat-interval-ms", "200"};

  private final Path root;
  private final List<DroverProcess> processes = new ArrayList<>();
  private final List<DroverProcess> masters = new ArrayList<>();
  private final List<DroverProcess> zooKeepers = new ArrayList<>();
  private String zk;

  ClusterFixture(String test) {
    root = Path.of("target", "it-work", test + "-" + System.currentTimeMillis()).toAbsolutePath();
  }

  Path root() {
    return root;
  }

  /**
   * Starts a ZooKeeper ensemble of {@code size} members on free ports instead of one server; they
   * are {@link #zooKeepers()}, and {@link #zk()} names them all.
   */
  List<DroverProcess> ensemble(int size) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add("127.0.0.1:" + freePort() + ":" + freePort() + ":" + freePort());
    }
    String spec = String.join(",", members);
    for (int i = 1; i <= size; i++) {
      zooKeepers.add(track(start("zk-" + i, "zk", "--ensemble", spec, "--server-id", Integer.toString(i))));
    }
    zk = String.join(",", members.stream().map(m -> m.substring(0, m.indexOf(':', m.indexOf(':') + 1))).toList());
    zooKeepers.forEach(z -> z.port("zk"));
    return zooKeepers;
  }

  List<DroverProcess> zooKeepers() {
    return zooKeepers;
  }

  /** Runs {@code process} again (same command, same work directory) and tracks the new process. */
  DroverProcess restart(DroverProcess process) {
    try {
      DroverProcess again = track(process.again());
      if (masters.remove(process)) {
        masters.add(again);
      }
      int index = zooKeepers.indexOf(process);
      if (index >= 0) {
        zooKeepers.set(index, again);
      }
      return again;
    } catch (java.io.IOException e) {
      throw new AssertionError("could not restart " + process + ": " + e, e);
    }
  }

  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  String zk() {
    if (zk == null) {
      DroverProcess server = track(start("zk", "zk", "--port", "0"));
      zk = "127.0.0.1:" + server.port("zk");
    }
    return zk;
  }

  DroverProcess master(String name, String... extra) {
    DroverProcess master = track(start(name, "master", concat(concat(new String[] {"--zk", zk(), "--port", "0"},
      FAST_MASTER), extra)));
    masters.add(master);
    return master;
  }

  DroverProcess agent(String name, String resources, String... extra) {
    String[] args = concat(new String[] {"--zk", zk(), "--port", "0", "--resources", resources}, FAST_AGENT);
    return track(start(name, "agent", concat(args, extra)));
  }

  static final String[] FAST_MARATHON = {
    "--zk-session-timeout-ms", Integer.toString(SESSION_TIMEOUT_MS),
    "--reconcile-interval-ms", "5000"};

  /** A marathon scheduler node on a free port. */
  DroverProcess marathon(String name, String... extra) {
    return track(start(name, "marathon", concat(concat(new String[] {"--zk", zk(), "--port", "0"}, FAST_MARATHON),
      extra)));
  }

  /** A marathon node, once it leads and answers the API. */
  MarathonClient leadingMarathon(String name, String... extra) {
    MarathonClient client = new MarathonClient(marathon(name, extra).url("marathon"));
    Await.until(name + " leads", Duration.ofSeconds(60), () -> client.send("GET", "/v2/info", null).status() == 200);
    return client;
  }

  /** Waits until the leader counts {@code count} active agents. */
  void awaitActiveAgents(int count) {
    Await.until(count + " active agent(s) registered", Duration.ofSeconds(60),
      () -> leaderState().getInteger("activated_slaves") == count);
  }

  /** The leading master's state, as the first live master that knows a leader reports it. */
  JsonObject leaderState() {
    String url = Await.value("a leader is elected", Duration.ofSeconds(60), () -> leaderUrl().orElse(null));
    return Http.json(url + "/master/state");
  }

  Optional<String> leaderUrl() {
    for (DroverProcess master : masters) {
      if (!master.isAlive()) {
        continue;
      }
      try {
        JsonObject state = Http.json(master.url("master") + "/master/state");
        if (state.containsKey("elected_time")) {
          return Optional.of(master.url("master"));
        }
      } catch (RuntimeException notYet) {
        // this master is still starting
      }
    }
    return Optional.empty();
  }

  List<DroverProcess> masters() {
    return masters;
  }

  Optional<DroverProcess> leader() {
    Optional<String> url = leaderUrl();
    return masters.stream().filter(m -> m.isAlive() && url.isPresent() && url.get().equals(m.url("master")))
      .findFirst();
  }

  private DroverProcess start(String name, String command, String... args) {
    try {
      return DroverProcess.start(name, root.resolve(name), concat(new String[] {command}, args));
    } catch (Exception e) {
      throw new AssertionError("could not start " + name + ": " + e, e);
    }
  }

  private DroverProcess track(DroverProcess process) {
    processes.add(process);
    return process;
  }

  static String[] concat(String[] a, String... b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
  }

  @Override
  public void close() throws InterruptedException {
    List<DroverProcess> reversed = new ArrayList<>(processes);
    Collections.reverse(reversed);
    for (DroverProcess process : reversed) {
      process.close();
    }
    DroverProcess.killTasksUnder(root);
  }
}
