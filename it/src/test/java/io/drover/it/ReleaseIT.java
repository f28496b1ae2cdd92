package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Command;
import io.drover.it.fixture.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The release tarball as an operator gets it: unpacked away from the source tree, its
 * {@code bin/drover} says what it is and runs a cluster, and its systemd units pass systemd's checks.
 */
class ReleaseIT {

  static final Path TARBALL = Path.of(System.getProperty("drover.tarball", "../verticles/launcher/target/drover.tar.gz"));
  static final String VERSION = System.getProperty("drover.version", "");

  @TempDir
  Path dir;

  /** A root agent hands sandboxes to nobody, who must be able to pass through the (private) temp dir. */
  @BeforeEach
  void openDir() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Path unpack() throws Exception {
    assertThat(TARBALL).as("mvn package builds the release tarball").isRegularFile();
    Command.Result untar = Command.run(new ProcessBuilder("tar", "-xzf", TARBALL.toAbsolutePath().toString(), "-C",
      dir.toString()), Duration.ofSeconds(60));
    assertThat(untar.code()).as(untar.output()).isZero();
    Path home = dir.resolve("drover-" + VERSION);
    assertThat(home.resolve("bin/drover")).isExecutable();
    assertThat(home.resolve("lib/drover.jar")).isRegularFile();
    assertThat(home.resolve("conf/master.json")).isRegularFile();
    assertThat(home.resolve("Dockerfile")).isRegularFile();
    return home;
  }

  ProcessBuilder drover(Path home, String... args) {
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bin/drover").toString()),
      Stream.of(args)).toList()).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DROVER_"));
    return builder;
  }

  @Test
  void versionNamesTheVersionAndTheCommitItWasBuiltFrom() throws Exception {
    Path home = unpack();
    Command.Result version = Command.run(drover(home, "--version"), Duration.ofSeconds(60));

    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("drover " + VERSION + " (commit ");
    Command.Result head = Command.run(new ProcessBuilder("git", "rev-parse", "--short=10", "HEAD"),
      Duration.ofSeconds(30));
    if (head.code() == 0) {
      assertThat(version.output()).contains("(commit " + head.output().strip());
    } else {
      assertThat(version.output()).containsPattern("\\(commit [0-9a-f]{10}");
    }
  }

  @Test
  void theUnpackedReleaseRunsALocalClusterThatGetsReady() throws Exception {
    Path home = unpack();
    Path work = dir.resolve("work");
    Process local = drover(home, "local", "--port", "0", "--agent-port", "0", "--marathon-port", "0", "--zk-port", "0",
      "--work-dir", work.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("local.log").toFile()).start();
    try {
      for (String role : List.of("master", "agent", "marathon")) {
        Await.until(role + " answers /ready with 200", Duration.ofSeconds(120), () -> {
          assertThat(local.isAlive()).as("bin/drover local ended:%n%s", output()).isTrue();
          return isReady(work.resolve(role + ".port"));
        });
      }
      assertThat(output()).contains("Drover is running");
    } finally {
      local.destroy();
      assertThat(local.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
  }

  String output() {
    try {
      return Files.readString(dir.resolve("local.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The role behind {@code portFile} answers {@code /ready} (which asks no token) with 200 and UP. */
  static boolean isReady(Path portFile) {
    if (!Files.isRegularFile(portFile)) {
      return false;
    }
    try {
      HttpResponse<String> ready = Http.get("http://127.0.0.1:" + Files.readString(portFile).strip() + "/ready", null);
      return ready.statusCode() == 200 && ready.body().contains("\"status\":\"UP\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theSystemdUnitsPassSystemdsVerification() throws Exception {
    Command.Result analyze;
    try {
      analyze = Command.run(new ProcessBuilder("systemd-analyze", "--version"), Duration.ofSeconds(30));
    } catch (IOException missing) {
      analyze = new Command.Result(127, missing.getMessage());
    }
    assumeThat(analyze.code()).as("systemd-analyze is not installed: the units are not verified").isZero();
    Path home = unpack();
    List<Path> units;
    try (Stream<Path> files = Files.list(home.resolve("systemd"))) {
      units = files.filter(f -> f.toString().endsWith(".service")).sorted().toList();
    }
    assertThat(units).extracting(u -> u.getFileName().toString()).containsExactly("drover-agent.service",
      "drover-marathon.service", "drover-master.service", "drover-zk.service");
    for (Path unit : units) {
      // installed, the release lives in /opt/drover: point the unit at this unpacked copy instead
      Path placed = dir.resolve(unit.getFileName());
      Files.writeString(placed, Files.readString(unit).replace("/opt/drover", home.toString()));
      Command.Result verify = Command.run(new ProcessBuilder("systemd-analyze", "verify", placed.toString()),
        Duration.ofSeconds(60));
      assertThat(verify.code()).as(unit + ": " + verify.output()).isZero();
      assertThat(verify.output()).as(unit.toString()).doesNotContain("Unknown", "ignoring", "Failed");
    }
  }
}
