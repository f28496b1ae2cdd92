package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * How the agent checks that a task is healthy (Mesos's HealthCheck, with Marathon's names): a
 * shell command, an HTTP GET or a TCP connect, every {@code interval} after {@code delay}; failures
 * within the grace period after the start do not count; {@code consecutiveFailures} in a row make
 * the task unhealthy. Each change of health goes to the framework as a status update.
 */
@DataObject
public class HealthCheck {

  /** What kind of check. */
  public enum Type { COMMAND, HTTP, TCP }

  public static final double DEFAULT_DELAY_SECONDS = 15;
  public static final double DEFAULT_INTERVAL_SECONDS = 10;
  public static final double DEFAULT_TIMEOUT_SECONDS = 20;
  public static final double DEFAULT_GRACE_PERIOD_SECONDS = 10;
  public static final int DEFAULT_CONSECUTIVE_FAILURES = 3;

  private final Type type;
  private final String command;
  private final int portIndex;
  private final String path;
  private final double delaySeconds;
  private final double intervalSeconds;
  private final double timeoutSeconds;
  private final double gracePeriodSeconds;
  private final int consecutiveFailures;

  public HealthCheck(Type type, String command, int portIndex, String path, double delaySeconds,
                     double intervalSeconds, double timeoutSeconds, double gracePeriodSeconds, int consecutiveFailures) {
    this.type = type;
    this.command = command;
    this.portIndex = portIndex;
    this.path = path;
    this.delaySeconds = delaySeconds;
    this.intervalSeconds = intervalSeconds;
    this.timeoutSeconds = timeoutSeconds;
    this.gracePeriodSeconds = gracePeriodSeconds;
    this.consecutiveFailures = consecutiveFailures;
  }

  public HealthCheck(JsonObject json) {
    this(Type.valueOf(json.getString("type", "COMMAND")), json.getString("command"), json.getInteger("port_index", 0),
      json.getString("path", "/"), json.getDouble("delay_seconds", DEFAULT_DELAY_SECONDS),
      json.getDouble("interval_seconds", DEFAULT_INTERVAL_SECONDS),
      json.getDouble("timeout_seconds", DEFAULT_TIMEOUT_SECONDS),
      json.getDouble("grace_period_seconds", DEFAULT_GRACE_PERIOD_SECONDS),
      json.getInteger("consecutive_failures", DEFAULT_CONSECUTIVE_FAILURES));
  }

  /** A check of the given kind with Mesos's timing defaults. */
  public static HealthCheck of(Type type, String command, int portIndex, String path) {
    return new HealthCheck(type, command, portIndex, path, DEFAULT_DELAY_SECONDS, DEFAULT_INTERVAL_SECONDS,
      DEFAULT_TIMEOUT_SECONDS, DEFAULT_GRACE_PERIOD_SECONDS, DEFAULT_CONSECUTIVE_FAILURES);
  }

  public HealthCheck withTiming(double delay, double interval, double timeout, double grace, int failures) {
    return new HealthCheck(type, command, portIndex, path, delay, interval, timeout, grace, failures);
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type.name()).put("command", command).put("port_index", portIndex)
      .put("path", path).put("delay_seconds", delaySeconds).put("interval_seconds", intervalSeconds)
      .put("timeout_seconds", timeoutSeconds).put("grace_period_seconds", gracePeriodSeconds)
      .put("consecutive_failures", consecutiveFailures);
  }

  public Type getType() {
    return type;
  }

  public String getCommand() {
    return command;
  }

  public int getPortIndex() {
    return portIndex;
  }

  public String getPath() {
    return path;
  }

  public double getDelaySeconds() {
    return delaySeconds;
  }

  public double getIntervalSeconds() {
    return intervalSeconds;
  }

  public double getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public double getGracePeriodSeconds() {
    return gracePeriodSeconds;
  }

  public int getConsecutiveFailures() {
    return consecutiveFailures;
  }
}
