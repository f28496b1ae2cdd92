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
      .isInstanceOf(UsageException.class).hasMessageContaining("--port");
    assertThatThrownBy(() -> Option.find("--resources", Command.MASTER)).isInstanceOf(UsageException.class)
      .hasMessageContaining("unknown flag --resources for 'drover master'");
  }
}
