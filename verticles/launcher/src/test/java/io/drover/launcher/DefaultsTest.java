package io.drover.launcher;

import io.drover.agent.AgentSettings;
import io.drover.agent.fetch.FetchLimits;
import io.drover.common.ZooKeeperSettings;
import io.drover.marathon.MarathonSettings;
import io.drover.master.MasterSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defaults are written once, in the roles' settings: the conf files and the help's "(default N)"
 * are checked against what each role reads from an empty configuration.
 */
class DefaultsTest {

  static final long MB = 1024 * 1024;
  static final Path CONF = Path.of("..", "..", "conf");
  static final Pattern HELP_DEFAULT = Pattern.compile("\\(default (\\d+)\\)");

  /** What each role runs with when nothing is configured, by configuration key. */
  static Map<String, Object> defaults(Role role) throws Exception {
    Map<String, Object> defaults = new HashMap<>();
    ZooKeeperSettings zk = ZooKeeperSettings.from(new JsonObject(), Map.of());
    defaults.put("zkSessionTimeoutMs", zk.sessionTimeoutMs());
    defaults.put("zkConnectTimeoutMs", zk.connectTimeoutMs());
    switch (role) {
      case MASTER -> components(MasterSettings.from(new JsonObject()), defaults);
      case AGENT -> {
        AgentSettings agent = AgentSettings.from(new JsonObject());
        components(agent, defaults);
        defaults.put("executorRegistrationTimeoutMs", agent.executorTimeouts().registrationMs());
        defaults.put("executorRecoveryTimeoutMs", agent.executorTimeouts().recoveryMs());
        defaults.put("executorShutdownGraceMs", agent.executorTimeouts().shutdownGraceMs());
        FetchLimits fetch = agent.fetchLimits();
        defaults.put("fetchMaxMb", fetch.maxFileBytes() / MB);
        defaults.put("fetchMaxUnpackedMb", fetch.maxUnpackedBytes() / MB);
        defaults.put("fetchMaxEntries", fetch.maxEntries());
        defaults.put("fetchMaxRatio", fetch.maxRatio());
        defaults.put("fetchTimeoutSecs", fetch.deadline().toSeconds());
      }
      case MARATHON -> components(MarathonSettings.from(new JsonObject()), defaults);
      case ZOOKEEPER -> defaults.put("port", EmbeddedZooKeeper.DEFAULT_PORT);
    }
    return defaults;
  }

  static void components(Record settings, Map<String, Object> into) throws Exception {
    for (RecordComponent component : settings.getClass().getRecordComponents()) {
      into.put(component.getName(), component.getAccessor().invoke(settings));
    }
  }

  @Test
  void theConfFilesSpellOutTheDefaultsTheCodeHas() throws Exception {
    for (Role role : Role.values()) {
      JsonObject conf = new JsonObject(Files.readString(CONF.resolve(role.confName + ".json")));
      Map<String, Object> defaults = defaults(role);
      for (String key : conf.fieldNames()) {
        assertThat(defaults).as("conf/%s.json: %s has a default in the code", role.confName, key).containsKey(key);
        assertThat(String.valueOf(conf.getValue(key))).as("conf/%s.json: %s", role.confName, key)
          .isEqualTo(String.valueOf(defaults.get(key)));
      }
    }
  }

  @Test
  void theHelpsDefaultsAreTheCodes() throws Exception {
    int checked = 0;
    for (Option option : Option.ALL_OPTIONS) {
      Matcher documented = HELP_DEFAULT.matcher(option.help());
      if (!documented.find() || option.flag().equals("--port")) {
        continue; // --port documents every role's port at once
      }
      for (Command command : option.commands()) {
        // in 'drover local' an option with no role of its own is the single-role commands' option
        Role role = command == Command.LOCAL ? option.role() : Configuration.roles(command).get(0);
        if (role == null) {
          continue;
        }
        Object code = defaults(role).get(option.key());
        assertThat(code).as("%s has a default in the %s's settings", option.flag(), role).isNotNull();
        assertThat(((Number) code).doubleValue()).as("%s for %s", option.flag(), command.id())
          .isEqualTo(Double.parseDouble(documented.group(1)));
        checked++;
      }
    }
    assertThat(checked).as("options whose documented default was checked").isGreaterThan(40);
  }
}
