package io.drover.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoggingTest {

  static LogRecord record(String logger, String message) {
    LogRecord record = new LogRecord(Level.INFO, message);
    record.setLoggerName(logger);
    record.setInstant(Instant.parse("2026-12-06T17:00:00.123Z"));
    return record;
  }

  @Test
  void aLineHasAnIsoTimeWithItsOffsetTheLevelAndTheRole() {
    String line = new LogLine(false, "local").format(record("io.drover.master.state.AgentRegistry", "hello"));
    assertThat(line).matches("2026-12-06T\\d\\d:\\d\\d:00\\.123(Z|[+-]\\d\\d:\\d\\d) INFO    master \\S+:\\d+ "
      + "\\[AgentRegistry\\] hello\\R");
    assertThat(line).contains(" " + LogLine.NODE + " ").contains(":" + ProcessHandle.current().pid());
    assertThat(new LogLine(false, "local").format(record("io.vertx.core.Foo", "x")))
      .contains(" INFO    local " + LogLine.NODE + " [Foo] x");
  }

  @Test
  void jsonLinesCarryTheSameFields() {
    JsonObject line = new JsonObject(new LogLine(true, "agent").format(record("io.drover.agent.Agent", "up")).strip());
    assertThat(line.getString("level")).isEqualTo("INFO");
    assertThat(line.getString("role")).isEqualTo("agent");
    assertThat(line.getString("node")).isEqualTo(LogLine.NODE);
    assertThat(line.getString("logger")).isEqualTo("io.drover.agent.Agent");
    assertThat(line.getString("message")).isEqualTo("up");
    assertThat(line.getString("time")).startsWith("2026-12-06T");
  }

  @Test
  void levelsAreSetForAllAndPerPackageAndAMistakeIsNamed() {
    assertThat(Logging.parseLevels("info, io.drover.agent=debug"))
      .isEqualTo(Map.of("", Level.INFO, "io.drover.agent", Level.FINE));
    assertThatThrownBy(() -> Logging.parseLevels("io.drover=loud")).isInstanceOf(UsageException.class)
      .hasMessageStartingWith("--log-level: 'loud' is not a level");
    assertThatThrownBy(() -> Logging.parseLevels("debgu")).hasMessageEndingWith("(did you mean debug?)");
  }
}
