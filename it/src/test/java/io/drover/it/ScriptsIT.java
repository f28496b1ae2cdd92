package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Command;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code drover local} plus {@code scripts/scale-agents.sh}: extra agent processes join the cluster. */
class ScriptsIT {

  static final Path HOME = Path.of(System.getProperty("drover.home", "..")).toAbsolutePath().normalize();

  @Test
  void scaleAgentsAddsAndRemovesAgentProcesses() throws Exception {
    Path root = Path.of("target", "it-work", "scripts-" + System.currentTimeMillis()).toAbsolutePath();
    Path runDir = root.resolve("run");
    try (DroverProcess local = DroverProcess.start("local", root.resolve("local"), "local",
      "--port", "0", "--agent-port", "0", "--zk-port", "0")) {
      String master = local.url("master");
      String zk = "127.0.0.1:" + local.port("zk");
      Await.until("drover local runs 2 agents", Duration.ofSeconds(60),
        () -> Http.json(master + "/master/state").getInteger("activated_slaves") == 2);
      try {
        Command.Result up = script(runDir, "scale-agents.sh", "3", "--zk", zk);
        assertThat(up.code()).as(up.output()).isZero();
        Await.until("5 agents in /master/state", Duration.ofSeconds(90),
          () -> Http.json(master + "/master/state").getInteger("activated_slaves") == 5);
        JsonObject state = Http.json(master + "/master/state");
        assertThat(state.getJsonArray("slaves").stream().map(s -> ((JsonObject) s).getString("id")).distinct())
          .hasSize(5);

        Command.Result again = script(runDir, "scale-agents.sh", "3", "--zk", zk);
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(Files.list(runDir).filter(p -> p.toString().endsWith(".pid")).count()).isEqualTo(3);

        Command.Result down = script(runDir, "scale-agents.sh", "1", "--zk", zk);
        assertThat(down.code()).as(down.output()).isZero();
        assertThat(Files.list(runDir).filter(p -> p.toString().endsWith(".pid")).count()).isEqualTo(1);

        Command.Result bad = script(runDir, "scale-agents.sh", "many");
        assertThat(bad.code()).isEqualTo(2);
      } finally {
        script(runDir, "stop-all.sh");
      }
      assertThat(Files.list(runDir).filter(p -> p.toString().endsWith(".pid")).count()).isZero();
    }
  }

  static Command.Result script(Path runDir, String name, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(HOME.resolve("scripts").resolve(name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DROVER_RUN_DIR", runDir.toString());
    builder.environment().put("DROVER_TOKEN", DroverProcess.TOKEN);
    // the build under test made the jar; a script must not start another build inside it
    builder.environment().put("DROVER_NO_BUILD", "1");
    return Command.run(builder, Duration.ofSeconds(180));
  }
}
