package io.drover.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Logging on stderr, one line per record ({@link LogLine}); the libraries' chatter only from
 * WARNING up. {@code --log-level} sets the level, for all or per package; {@code --log-format json}
 * writes JSON lines. A JUL configuration given with {@code -Djava.util.logging.config.file} is
 * honoured as it is, and then the flags leave logging alone.
 */
final class Logging {

  static final String CONFIG_FILE_PROPERTY = "java.util.logging.config.file";

  private static final Map<String, Level> LEVELS = Map.of("trace", Level.FINEST, "debug", Level.FINE,
    "info", Level.INFO, "warn", Level.WARNING, "warning", Level.WARNING, "error", Level.SEVERE, "off", Level.OFF);

  /** JUL holds loggers weakly: keep the ones we tuned, or their levels vanish with them. */
  private static final List<Logger> TUNED = new ArrayList<>();

  private Logging() {
  }

  /** Before anything logs: Drover's lines at INFO, or the operator's JUL file when one is given. */
  static void configure() {
    String file = System.getProperty(CONFIG_FILE_PROPERTY);
    if (file != null) {
      if (!Files.isReadable(Path.of(file))) {
        throw new UsageException("-D" + CONFIG_FILE_PROPERTY + ": cannot read " + file);
      }
      return; // the LogManager read it at startup
    }
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new LogLine(false, "drover"));
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    for (String noisy : new String[] {"org.apache.zookeeper", "org.apache.curator", "io.vertx.spi.cluster",
      "io.netty", "io.vertx.core.eventbus", "org.apache.hc"}) {
      tune(noisy, Level.WARNING);
    }
    // the ZooKeeper client logs every failed reconnect with a stack trace; Drover logs connection
    // state changes itself (ZooKeeperConnection), so silence it
    for (String quiet : new String[] {"org.apache.zookeeper.ClientCnxn", "org.apache.curator.ConnectionState",
      "org.apache.curator.framework.imps.CuratorFrameworkImpl",
      // docker-java logs every failed call with a stack trace; the executor reports them itself
      "com.github.dockerjava.api.async.ResultCallbackTemplate"}) {
      tune(quiet, Level.OFF);
    }
  }

  /**
   * The process's flags: {@code levels} such as {@code debug} or {@code info,io.drover.agent=debug};
   * {@code format} {@code text} or {@code json}; lines of no role's package say {@code command}.
   */
  static void apply(String levels, String format, Command command) {
    if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
      return;
    }
    Map<String, Level> parsed = parseLevels(levels);
    boolean json = switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new UsageException("--log-format: '" + format + "' is not text or json");
    };
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      handler.setFormatter(new LogLine(json, command.id()));
    }
    parsed.forEach((name, level) -> {
      if (name.isEmpty()) {
        root.setLevel(level);
      } else {
        tune(name, level);
      }
    });
  }

  /** {@code info,io.drover.agent=debug}: the root's level, then packages'; the key "" is the root's. */
  static Map<String, Level> parseLevels(String spec) {
    Map<String, Level> levels = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String item = part.strip();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String name = eq < 0 ? "" : item.substring(0, eq).strip();
      String word = (eq < 0 ? item : item.substring(eq + 1)).strip().toLowerCase(Locale.ROOT);
      Level level = LEVELS.get(word);
      if (level == null) {
        throw new UsageException("--log-level: '" + word + "' is not a level (trace, debug, info, warn, error or off)"
          + Suggestion.hint(word, LEVELS.keySet()));
      }
      levels.put(name, level);
    }
    return levels;
  }

  private static void tune(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    TUNED.add(logger);
  }
}
