package io.drover.launcher;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record as one line: {@code 2026-12-06T17:00:00.123+01:00 INFO    master vm:4242 [AgentRegistry] text},
 * or a JSON object per line for log shippers. The role comes from the logger's package, so that
 * the lines of {@code drover local}, which runs every role in one process, still say whose they
 * are; the node is this process, as host and pid, so that lines gathered from a cluster say where.
 */
final class LogLine extends Formatter {

  /** ISO-8601 with milliseconds and the offset ({@code Z} for UTC). */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  /** This process: {@code <hostname>:<pid>}. */
  static final String NODE = hostname() + ":" + ProcessHandle.current().pid();

  private final boolean json;
  private final String process;

  /** {@code process} names lines of no role's package: the command, e.g. {@code local}. */
  LogLine(boolean json, String process) {
    this.json = json;
    this.process = process;
  }

  @Override
  public String format(LogRecord record) {
    String time = TIME.format(OffsetDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault()));
    String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
    String message = formatMessage(record);
    String error = record.getThrown() == null ? null : stackTrace(record.getThrown());
    if (json) {
      JsonObject line = new JsonObject().put("time", time).put("level", record.getLevel().getName())
        .put("role", role(logger)).put("node", NODE).put("logger", logger).put("message", message);
      if (error != null) {
        line.put("error", error);
      }
      return line.encode() + System.lineSeparator();
    }
    return String.format("%s %-7s %s %s [%s] %s%s%n", time, record.getLevel().getName(), role(logger), NODE,
      logger.substring(logger.lastIndexOf('.') + 1), message, error == null ? "" : System.lineSeparator() + error);
  }

  /** The role whose package the logger is in, else the process's command. */
  String role(String logger) {
    for (String role : new String[] {"master", "agent", "marathon"}) {
      if (logger.startsWith("io.drover." + role + ".")) {
        return role;
      }
    }
    return logger.startsWith("org.apache.zookeeper.server") ? "zk" : process;
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return trace.toString().stripTrailing();
  }
}
