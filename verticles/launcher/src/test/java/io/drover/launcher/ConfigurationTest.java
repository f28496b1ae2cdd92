package io.drover.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest {

  @TempDir
  Path dir;

  static Map<Option, String> flags(Command command, String... pairs) {
    Map<Option, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      flags.put(Option.find(pairs[i], command), pairs[i + 1]);
    }
    return flags;
  }

  @Test
  void laterSourcesWin_confThenEnvironmentThenFlags() throws Exception {
    Files.writeString(dir.resolve("master.json"),
      "{\"port\": 6000, \"offerTimeoutMs\": 1, \"allocationIntervalMs\": 2, \"agentPingTimeoutMs\": 3}");
    Map<String, String> env = Map.of("DROVER_HOME", dir.getParent().toString(), "DROVER_CONF", dir.toString(),
      "DROVER_OFFER_TIMEOUT_MS", "10", "DROVER_ALLOCATION_INTERVAL_MS", "20");

    JsonObject master = Configuration.assemble(Command.MASTER, flags(Command.MASTER, "--allocation-interval-ms", "200"),
      env).get(Role.MASTER);

    assertThat(master.getInteger("port")).isEqualTo(6000);             // conf file
    assertThat(master.getLong("agentPingTimeoutMs")).isEqualTo(3);     // conf file
    assertThat(master.getLong("offerTimeoutMs")).isEqualTo(10);        // environment over conf
    assertThat(master.getLong("allocationIntervalMs")).isEqualTo(200); // flag over environment
  }

  @Test
  void localModeSendsEachFlagToItsRole() {
    Map<Role, JsonObject> local = Configuration.assemble(Command.LOCAL,
      flags(Command.LOCAL, "--port", "0", "--agent-port", "7001", "--zk-port", "7002", "--work-dir", "/tmp/w"), Map.of());

    assertThat(local.get(Role.MASTER).getInteger("port")).isZero();
    assertThat(local.get(Role.AGENT).getInteger("port")).isEqualTo(7001);
    assertThat(local.get(Role.ZOOKEEPER).getInteger("port")).isEqualTo(7002);
    assertThat(local.get(Role.AGENT).getInteger("agents")).isEqualTo(Configuration.LOCAL_AGENTS);
    assertThat(local.values()).allSatisfy(c -> assertThat(c.getString("workDir")).isEqualTo("/tmp/w"));
  }

  @Test
  void aConfDirectoryGivesEachRoleItsOwnFile() throws Exception {
    Files.writeString(dir.resolve("agent.json"), "{\"port\": 5999}");
    Files.writeString(dir.resolve("master.json"), "{\"port\": 5998}");

    Map<Role, JsonObject> local = Configuration.assemble(Command.LOCAL, flags(Command.LOCAL, "--conf", dir.toString()),
      Map.of());

    assertThat(local.get(Role.AGENT).getInteger("port")).isEqualTo(5999);
    assertThat(local.get(Role.MASTER).getInteger("port")).isEqualTo(5998);
    assertThat(local.get(Role.ZOOKEEPER).containsKey("port")).isFalse();
  }

  @Test
  void badInputIsNamed() throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{ not json");
    assertThatThrownBy(() -> Configuration.assemble(Command.MASTER, flags(Command.MASTER, "--conf",
      dir.resolve("broken.json").toString()), Map.of())).isInstanceOf(UsageException.class)
      .hasMessageContaining("broken.json is not a JSON object");
    assertThatThrownBy(() -> Configuration.assemble(Command.MASTER, Map.of(), Map.of("DROVER_PORT", "x")))
      .isInstanceOf(UsageException.class).hasMessage("DROVER_PORT: 'x' is not a whole number");
    assertThatThrownBy(() -> Option.find("--resources", Command.MASTER)).isInstanceOf(UsageException.class)
      .hasMessageContaining("unknown flag --resources for 'drover master'");
  }

  @Test
  void anUnknownKeyInAConfFileIsRefusedWithTheClosestName() throws Exception {
    Files.writeString(dir.resolve("master.json"), "{\"port\": 5050, \"offerTimeoutMS\": 1000}");
    assertThatThrownBy(() -> Configuration.assemble(Command.MASTER, flags(Command.MASTER, "--conf", dir.toString()),
      Map.of())).isInstanceOf(UsageException.class)
      .hasMessage(dir.resolve("master.json") + ": unknown key \"offerTimeoutMS\" (did you mean offerTimeoutMs?)");

    // a key of another role is as unknown in this role's file
    Files.writeString(dir.resolve("master.json"), "{\"resources\": \"cpus:1\"}");
    assertThatThrownBy(() -> Configuration.assemble(Command.MASTER, flags(Command.MASTER, "--conf", dir.toString()),
      Map.of())).isInstanceOf(UsageException.class).hasMessageEndingWith(": unknown key \"resources\"");
  }

  @Test
  void aConfFileValueOfTheWrongTypeNamesTheKeyAndTheType() throws Exception {
    Path file = dir.resolve("agent.json");
    Files.writeString(file, "{\"port\": \"5051\"}");
    assertThatThrownBy(() -> Configuration.assemble(Command.AGENT, flags(Command.AGENT, "--conf", file.toString()),
      Map.of())).isInstanceOf(UsageException.class)
      .hasMessage(file + ": \"port\" must be a whole number, not \"5051\"");
    Files.writeString(file, "{\"heartbeatIntervalMs\": true}");
    assertThatThrownBy(() -> Configuration.assemble(Command.AGENT, flags(Command.AGENT, "--conf", file.toString()),
      Map.of())).isInstanceOf(UsageException.class).hasMessageContaining("\"heartbeatIntervalMs\" must be a duration");
    Files.writeString(file, "{\"port\": 99999999999}");
    assertThatThrownBy(() -> Configuration.assemble(Command.AGENT, flags(Command.AGENT, "--conf", file.toString()),
      Map.of())).isInstanceOf(UsageException.class).hasMessageContaining("\"port\" must be a whole number");
  }

  @Test
  void durationsTakeAUnitInEverySource() throws Exception {
    Files.writeString(dir.resolve("master.json"), "{\"offerTimeoutMs\": \"2m\", \"agentPingTimeoutMs\": 1500}");
    JsonObject master = Configuration.assemble(Command.MASTER, flags(Command.MASTER, "--conf", dir.toString(),
      "--allocation-interval-ms", "250ms"), Map.of("DROVER_FRAMEWORK_HEARTBEAT_MS", "30s")).get(Role.MASTER);

    assertThat(master.getLong("offerTimeoutMs")).isEqualTo(120_000);
    assertThat(master.getLong("agentPingTimeoutMs")).isEqualTo(1_500);
    assertThat(master.getLong("allocationIntervalMs")).isEqualTo(250);
    assertThat(master.getLong("frameworkHeartbeatMs")).isEqualTo(30_000);
    assertThat(Configuration.assemble(Command.AGENT, flags(Command.AGENT, "--fetch-timeout-secs", "10m"), Map.of())
      .get(Role.AGENT).getLong("fetchTimeoutSecs")).isEqualTo(600);
    assertThatThrownBy(() -> Option.find("--fetch-timeout-secs", Command.AGENT).parse("1500ms"))
      .isInstanceOf(UsageException.class).hasMessageContaining("is not a duration");
    assertThatThrownBy(() -> Option.find("--offer-timeout-ms", Command.MASTER).parse("soon"))
      .isInstanceOf(UsageException.class).hasMessageStartingWith("--offer-timeout-ms: 'soon' is not a duration");
  }

  @Test
  void aMistypedVariableIsRefusedAndTheScriptsOwnAreLeftAlone() {
    assertThatThrownBy(() -> Configuration.assemble(Command.MASTER, Map.of(), Map.of("DROVER_OFER_TIMEOUT_MS", "1")))
      .isInstanceOf(UsageException.class)
      .hasMessage("unknown environment variable DROVER_OFER_TIMEOUT_MS (did you mean DROVER_OFFER_TIMEOUT_MS?)");

    JsonObject master = Configuration.assemble(Command.MASTER, Map.of(), Map.of("DROVER_RUN_DIR", "/tmp/r",
      "DROVER_NO_BUILD", "1", "DROVER_RESOURCES", "cpus:1")).get(Role.MASTER);
    assertThat(master.containsKey("resources")).as("an agent's variable is not the master's").isFalse();
  }

  @Test
  void aMistypedFlagIsNamedWithTheClosestOne() {
    assertThatThrownBy(() -> Option.find("--offer-timout-ms", Command.MASTER)).isInstanceOf(UsageException.class)
      .hasMessage("unknown flag --offer-timout-ms for 'drover master' (did you mean --offer-timeout-ms?)");
  }

  @Test
  void eachCommandsHelpListsItsOwnFlagsOnly() {
    String agent = Help.text(Command.AGENT);
    assertThat(agent).contains("--resources", "--heartbeat-interval-ms <duration>", "--zk <text>")
      .doesNotContain("--offer-timeout-ms", "--marathon-port", "--ensemble");
    assertThat(Help.text()).contains("--resources", "--offer-timeout-ms", "--ensemble", "version");
  }
}
