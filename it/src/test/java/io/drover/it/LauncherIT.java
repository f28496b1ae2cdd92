package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Command;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.ListeningSockets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the command line: one line naming the problem, a non-zero exit, no stack trace. */
class LauncherIT {

  @TempDir
  Path work;

  /** A root agent hands sandboxes to nobody, who must be able to pass through the (private) temp dir. */
  @BeforeEach
  void openWorkDir() throws IOException {
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Command.Result drover(String... args) throws IOException, InterruptedException {
    return droverWithJvm(List.of(), args);
  }

  /** {@code drover args} in a JVM started with {@code jvmOptions} as well. */
  Command.Result droverWithJvm(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx128m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", DroverProcess.JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("DROVER_HOME");
    builder.environment().remove("DROVER_TOKEN");
    return Command.run(builder, Duration.ofSeconds(60));
  }

  static void assertOneLineError(Command.Result run, int code, String names) {
    assertThat(run.code()).as(run.output()).isEqualTo(code);
    assertThat(run.output()).contains(names).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.output().lines().filter(l -> l.startsWith("drover: ")).count()).isEqualTo(1);
  }

  @Test
  void helpListsEveryCommandAndFlag() throws Exception {
    Command.Result help = drover("--help");
    assertThat(help.code()).isZero();
    assertThat(help.output()).contains("local", "master", "agent", "zk", "--zk", "--port", "--work-dir", "--conf",
      "--resources", "--attributes", "--agents", "DROVER_");
  }

  @Test
  void malformedResourcesAndAttributesAreNamed() throws Exception {
    assertOneLineError(drover("agent", "--resources", "cpus:abc", "--work-dir", work.toString()), 2, "cpus:abc");
    assertOneLineError(drover("agent", "--attributes", "rack", "--work-dir", work.toString()), 2, "--attributes");
    assertOneLineError(drover("agent", "--resources", "cpus:1;ports:5", "--work-dir", work.toString()), 2,
      "ports must be ranges");
  }

  @Test
  void unknownFlagsAndCommandsAreNamed() throws Exception {
    assertOneLineError(drover("master", "--bogus", "1"), 2, "--bogus");
    assertOneLineError(drover("conquer"), 2, "conquer");
    assertOneLineError(drover("master", "--port", "high"), 2, "--port");
  }

  @Test
  void aConfFileThatIsNotJsonIsNamed() throws Exception {
    Path conf = work.resolve("master.json");
    Files.writeString(conf, "port = 5050\n");
    assertOneLineError(drover("master", "--conf", conf.toString()), 2, "master.json");
  }

  @Test
  void aWrongConfKeyOrValueALogLevelOrAnUnreadableLogConfigStopsTheStartBeforeAnythingExists() throws Exception {
    Path workDir = work.resolve("never-made");
    Path conf = Files.writeString(work.resolve("master.json"), "{\"offerTimeoutMS\": 1000}");
    assertOneLineError(drover("master", "--conf", conf.toString(), "--work-dir", workDir.toString()), 2,
      "unknown key \"offerTimeoutMS\" (did you mean offerTimeoutMs?)");
    Files.writeString(conf, "{\"offerTimeoutMs\": \"soon\"}");
    assertOneLineError(drover("master", "--conf", conf.toString(), "--work-dir", workDir.toString()), 2,
      "\"offerTimeoutMs\" must be a duration");
    assertOneLineError(drover("master", "--log-level", "loud", "--work-dir", workDir.toString()), 2,
      "--log-level: 'loud' is not a level");
    assertOneLineError(droverWithJvm(List.of("-Djava.util.logging.config.file=" + work.resolve("none.properties")),
      "master", "--work-dir", workDir.toString()), 2, "cannot read " + work.resolve("none.properties"));
    assertThat(workDir).as("nothing half-started").doesNotExist();
  }

  @Test
  void versionAndPerCommandHelp() throws Exception {
    Command.Result version = drover("--version");
    assertThat(version.code()).isZero();
    assertThat(version.output()).startsWith("drover ").contains("(commit ");
    Command.Result agentHelp = drover("agent", "--help");
    assertThat(agentHelp.code()).isZero();
    assertThat(agentHelp.output()).contains("Usage: drover agent", "--resources").doesNotContain("--offer-timeout-ms");
  }

  @Test
  void anAgentRefusesADamagedCheckpointUntilToldToCleanUp() throws Exception {
    Path meta = work.resolve("agent").resolve("agents/0/meta/fw/t");
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("task.json"), "{ broken");
    try (DroverProcess zk = DroverProcess.start("launcher-zk", work.resolve("zk"), "zk", "--port", "0")) {
      String[] agent = {"agent", "--zk", "127.0.0.1:" + zk.port("zk"), "--port", "0",
        "--resources", "cpus:1;mem:64", "--work-dir", work.resolve("agent").toString()};
      Command.Result refused = drover(agent);
      assertOneLineError(refused, 1, "damaged checkpoint");
      assertThat(refused.output()).contains("--recover cleanup");
      if ("root".equals(System.getProperty("user.name"))) {
        Path hidden = Files.createDirectories(work.resolve("hidden"), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
        agent[agent.length - 1] = hidden.resolve("agent").toString();
        assertOneLineError(drover(agent), 1, "tasks run as nobody, who cannot enter " + hidden);
        agent[agent.length - 1] = work.resolve("agent").toString();
      }

      try (DroverProcess cleaned = DroverProcess.start("launcher-agent", work.resolve("agent"),
        ClusterFixture.concat(agent, "--recover", "cleanup"))) {
        assertThat(cleaned.port("agent")).isPositive();
      }
    }
  }

  @Test
  void withoutATokenNothingListensBeyondTheLoopbackInterface() throws Exception {
    for (String command : new String[] {"master", "agent", "marathon", "zk"}) {
      assertOneLineError(drover(command, "--host", "0.0.0.0", "--port", "0", "--work-dir", work.toString()), 2,
        "refusing to listen on 0.0.0.0 without authentication");
    }
    Path weak = work.resolve("weak-token");
    Files.writeString(weak, "secret\n");
    assertOneLineError(drover("master", "--token-file", weak.toString(), "--work-dir", work.toString()), 2,
      "shorter than 16 characters");
    assertOneLineError(drover("master", "--token-file", work.resolve("none").toString(), "--work-dir",
      work.toString()), 2, "cannot read the token file");
    assertOneLineError(drover("agent", "--bus-keystore", work.resolve("none.p12").toString(), "--work-dir",
      work.toString()), 2, "cannot read the event-bus key store");
    assertOneLineError(drover("agent", "--bus-keystore", weak.toString(), "--work-dir", work.toString()), 2,
      "needs its password");
    Path noColon = Files.writeString(work.resolve("zk-auth"), "drover\n");
    assertOneLineError(drover("marathon", "--zk-auth-file", noColon.toString(), "--work-dir", work.toString()), 2,
      "must read user:password");
  }

  @Test
  void localMakesItsOwnTokenAndListensOnTheLoopbackInterfaceOnly() throws Exception {
    Path dir = work.resolve("local");
    try (DroverProcess local = DroverProcess.startWithToken("local-token", dir, null, "local", "--port", "0",
      "--agent-port", "0", "--marathon-port", "0", "--zk-port", "0")) {
      String master = local.url("master");
      local.port("marathon");
      local.port("agent");
      Path file = dir.resolve("token");
      String token = Files.readString(file).strip();
      assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
      Await.until("drover local prints its token", java.time.Duration.ofSeconds(30),
        () -> local.output().contains("Token: " + token));
      assertThat(Http.get(master + "/master/state", null).statusCode()).isEqualTo(401);
      assertThat(Http.get(master + "/master/state", "Bearer " + token).statusCode()).isEqualTo(200);
      List<InetSocketAddress> listening = ListeningSockets.of(local.pid());
      assertThat(listening).as("ZooKeeper, event bus and three HTTP servers").hasSizeGreaterThanOrEqualTo(5)
        .allMatch(address -> address.getAddress().isLoopbackAddress());
    }
  }

  @Test
  void anUnreachableZooKeeperIsNamed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Command.Result run = drover("master", "--zk", "127.0.0.1:" + closedPort, "--zk-connect-timeout-ms", "1500",
      "--port", "0", "--work-dir", work.toString());
    assertOneLineError(run, 1, "cannot reach ZooKeeper at 127.0.0.1:" + closedPort);
  }
}
