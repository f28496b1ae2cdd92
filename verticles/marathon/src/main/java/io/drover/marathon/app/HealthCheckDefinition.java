package io.drover.marathon.app;

/**
 * One of an app's health checks, with Marathon's defaults. The port is {@code portIndex} into the
 * task's host ports, or a fixed {@code port}; COMMAND checks run {@code command} instead.
 */
public record HealthCheckDefinition(Protocol protocol, String path, Integer portIndex, Integer port, String command,
                                    int gracePeriodSeconds, int intervalSeconds, int timeoutSeconds,
                                    int maxConsecutiveFailures, boolean ignoreHttp1xx, int delaySeconds) {

  public static final int DEFAULT_GRACE_PERIOD_SECONDS = 300;
  public static final int DEFAULT_INTERVAL_SECONDS = 60;
  public static final int DEFAULT_TIMEOUT_SECONDS = 20;
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
  public static final int DEFAULT_DELAY_SECONDS = 15;

  public enum Protocol { HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP }

  /**
   * Whether the agent runs it beside the task (COMMAND and the MESOS_ kinds, as Mesos does for
   * Marathon), rather than the scheduler over the network (HTTP, HTTPS, TCP, as Marathon does).
   */
  public boolean runsOnAgent() {
    return switch (protocol) {
      case HTTP, HTTPS, TCP -> false;
      case COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP -> true;
    };
  }
}
