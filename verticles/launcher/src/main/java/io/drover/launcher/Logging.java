package io.drover.launcher;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One line per log record on stderr; the libraries' chatter only from WARNING up. */
final class Logging {

  private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n";

  /** JUL holds loggers weakly: keep the ones we tuned, or their levels vanish with them. */
  private static final java.util.List<Logger> TUNED = new java.util.ArrayList<>();

  private Logging() {
  }

  static void configure() {
    System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new SimpleFormatter());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    for (String noisy : new String[] {"org.apache.zookeeper", "org.apache.curator", "io.vertx.spi.cluster",
      "io.netty", "io.vertx.core.eventbus", "org.apache.hc"}) {
      Logger logger = Logger.getLogger(noisy);
      logger.setLevel(Level.WARNING);
      TUNED.add(logger);
    }
    // the ZooKeeper client logs every failed reconnect with a stack trace; Drover logs connection
    // state changes itself (ZooKeeperConnection), so silence it
    for (String quiet : new String[] {"org.apache.zookeeper.ClientCnxn", "org.apache.curator.ConnectionState",
      "org.apache.curator.framework.imps.CuratorFrameworkImpl",
      // docker-java logs every failed call with a stack trace; the executor reports them itself
      "com.github.dockerjava.api.async.ResultCallbackTemplate"}) {
      Logger logger = Logger.getLogger(quiet);
      logger.setLevel(Level.OFF);
      TUNED.add(logger);
    }
  }
}
