package io.drover.marathon.app;

import io.drover.marathon.app.HealthCheckDefinition.Protocol;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads an app's health checks and readiness checks, which refer to its ports by index or by name. */
final class CheckReader {

  private static final Set<String> HEALTH_CHECK_FIELDS = Set.of("protocol", "path", "portIndex", "port", "command",
    "gracePeriodSeconds", "intervalSeconds", "timeoutSeconds", "maxConsecutiveFailures", "ignoreHttp1xx",
    "delaySeconds", "ipProtocol");
  private static final Set<String> READINESS_CHECK_FIELDS = Set.of("name", "protocol", "path", "portName",
    "intervalSeconds", "timeoutSeconds", "httpStatusCodesForReady", "preserveLastResponse");
  // the scheduler runs HTTPS checks itself; the agent has no HTTPS check
  private static final Set<Protocol> UNSUPPORTED_PROTOCOLS = Set.of(Protocol.MESOS_HTTPS);
  private static final Set<Protocol> HTTP_PROTOCOLS = Set.of(Protocol.HTTP, Protocol.HTTPS, Protocol.MESOS_HTTP,
    Protocol.MESOS_HTTPS);

  private final List<String> portNames;
  private final Violations violations;

  /** {@code portNames} has one entry (maybe null) per port of the app, in port-index order. */
  CheckReader(List<String> portNames, Violations violations) {
    this.portNames = portNames;
    this.violations = violations;
  }

  HealthCheckDefinition healthCheck(JsonFields check) {
    check.rejectUnknown(HEALTH_CHECK_FIELDS, Set.of());
    JsonFields command = check.object("command");
    Protocol protocol = check.enumValue("protocol", Protocol.class, command != null ? Protocol.COMMAND : Protocol.HTTP);
    if (UNSUPPORTED_PROTOCOLS.contains(protocol)) {
      violations.unsupported(check.pathOf("protocol"), "/healthChecks(*)/protocol");
    }
    String ipProtocol = check.string("ipProtocol", "IPv4");
    if (ipProtocol.equals("IPv6")) {
      violations.unsupported(check.pathOf("ipProtocol"), "/healthChecks(*)/ipProtocol");
    } else if (!ipProtocol.equals("IPv4")) {
      violations.add(check.pathOf("ipProtocol"), "must be one of IPv4, IPv6");
    }
    String commandLine = null;
    Integer portIndex = null;
    Integer port = null;
    String path = null;
    if (protocol == Protocol.COMMAND) {
      commandLine = command(check, command);
    } else {
      port = check.integer("port");
      if (port != null && !JsonFields.inRange(check.pathOf("port"), port, 0, ContainerReader.MAX_PORT, violations)) {
        port = null;
      }
      portIndex = portIndex(check, port);
      path = HTTP_PROTOCOLS.contains(protocol) ? check.string("path", "/") : null;
    }
    return new HealthCheckDefinition(protocol, path, portIndex, port, commandLine,
      seconds(check, "gracePeriodSeconds", HealthCheckDefinition.DEFAULT_GRACE_PERIOD_SECONDS),
      seconds(check, "intervalSeconds", HealthCheckDefinition.DEFAULT_INTERVAL_SECONDS),
      seconds(check, "timeoutSeconds", HealthCheckDefinition.DEFAULT_TIMEOUT_SECONDS),
      seconds(check, "maxConsecutiveFailures", HealthCheckDefinition.DEFAULT_MAX_CONSECUTIVE_FAILURES),
      check.bool("ignoreHttp1xx", false),
      seconds(check, "delaySeconds", HealthCheckDefinition.DEFAULT_DELAY_SECONDS));
  }

  private String command(JsonFields check, JsonFields command) {
    if (command == null) {
      violations.add(check.pathOf("command"), "is required for a COMMAND health check");
      return null;
    }
    command.rejectUnknown(Set.of("value"), Set.of());
    String value = command.nonEmptyString("value");
    if (!command.has("value")) {
      violations.add(command.pathOf("value"), "is required");
    }
    return value;
  }

  /** Marathon assumes port index 0 when a check names neither a port nor an index. */
  private Integer portIndex(JsonFields check, Integer port) {
    Integer portIndex = check.integer("portIndex");
    if (portIndex == null && port == null) {
      if (check.has("port") || check.has("portIndex")) {
        return null; // its type or range is reported already
      }
      portIndex = 0;
    }
    if (portIndex != null && (portIndex < 0 || portIndex >= portNames.size())) {
      violations.add(check.path(),
        "Health check port indices must address an element of the ports array or container port mappings.");
    }
    return portIndex;
  }

  static int seconds(JsonFields check, String field, int fallback) {
    return check.integer(field, fallback, 0, Integer.MAX_VALUE);
  }

  /**
   * The kind of a Marathon check object (an app's {@code check}, a pod container's {@code
   * healthCheck}): exactly one of {@code http}, {@code tcp} and {@code exec}, as the check the agent
   * runs. {@code fields} is the kind's object, where the caller finds the port by its {@code
   * portFields}; null when it is not exactly one kind (reported).
   */
  record Kind(Protocol protocol, String path, String command, JsonFields fields) {
  }

  static Kind kind(JsonFields check, Set<String> portFields, String httpsRow) {
    Violations violations = check.violations();
    List<String> kinds = List.of("http", "tcp", "exec").stream().filter(check::has).toList();
    if (kinds.size() != 1) {
      violations.add(check.path(), "must have exactly one of http, tcp and exec");
      return null;
    }
    JsonFields kind = check.object(kinds.get(0));
    if (kind == null) {
      return null;
    }
    if (kinds.get(0).equals("exec")) {
      kind.rejectUnknown(Set.of("command"), Set.of());
      JsonFields shell = kind.object("command");
      if (shell == null) {
        violations.add(kind.pathOf("command"), "is required");
        return new Kind(Protocol.COMMAND, null, null, kind);
      }
      shell.rejectUnknown(Set.of("shell"), Set.of());
      if (!shell.has("shell")) {
        violations.add(shell.pathOf("shell"), "is required");
      }
      return new Kind(Protocol.COMMAND, null, shell.nonEmptyString("shell"), kind);
    }
    boolean http = kinds.get(0).equals("http");
    Set<String> known = new HashSet<>(portFields);
    if (http) {
      known.addAll(Set.of("path", "scheme"));
      if (!kind.string("scheme", "HTTP").equals("HTTP")) {
        violations.unsupported(kind.pathOf("scheme"), httpsRow);
      }
    }
    kind.rejectUnknown(known, Set.of());
    return new Kind(http ? Protocol.MESOS_HTTP : Protocol.MESOS_TCP, http ? kind.string("path", "/") : null, null,
      kind);
  }

  /**
   * Marathon's {@code check} (an AppCheck), as the health check kind the agent would run, on one of
   * the app's ports by index; null when it is not an object or has no single kind (reported).
   */
  HealthCheckDefinition check(JsonFields check) {
    if (check == null) {
      return null;
    }
    check.rejectUnknown(Set.of("http", "tcp", "exec", "intervalSeconds", "timeoutSeconds", "delaySeconds"), Set.of());
    Kind kind = kind(check, Set.of("portIndex", "port"), "/check/http/scheme");
    if (kind == null) {
      return null;
    }
    Integer portIndex = null;
    if (kind.protocol() != Protocol.COMMAND) {
      if (kind.fields().has("port")) {
        violations.unsupported(kind.fields().pathOf("port"), "/check/*/port");
      }
      portIndex = kind.fields().integer("portIndex", 0, 0, Integer.MAX_VALUE);
      if (portIndex >= portNames.size()) {
        violations.add(kind.fields().pathOf("portIndex"), "must address one of the app's ports");
      }
    }
    return new HealthCheckDefinition(kind.protocol(), kind.path(), portIndex, null, kind.command(), 0,
      seconds(check, "intervalSeconds", HealthCheckDefinition.DEFAULT_INTERVAL_SECONDS),
      seconds(check, "timeoutSeconds", HealthCheckDefinition.DEFAULT_TIMEOUT_SECONDS), 0, false,
      seconds(check, "delaySeconds", HealthCheckDefinition.DEFAULT_DELAY_SECONDS));
  }

  ReadinessCheck readinessCheck(JsonFields check) {
    check.rejectUnknown(READINESS_CHECK_FIELDS, Set.of());
    String name = check.nonEmptyString("name");
    String protocol = check.string("protocol", "HTTP");
    if (protocol.equals("HTTPS")) {
      violations.unsupported(check.pathOf("protocol"), "/readinessChecks(*)/protocol");
    } else if (!protocol.equals("HTTP")) {
      violations.add(check.pathOf("protocol"), "must be one of HTTP, HTTPS");
    }
    String path = check.nonEmptyString("path");
    String portName = check.string("portName", "http-api");
    if (!portNames.contains(portName)) {
      violations.add(check.pathOf("portName"), "No port definition reference for portName " + portName);
    }
    int interval = check.integer("intervalSeconds", 30, 0, Integer.MAX_VALUE);
    int timeout = check.integer("timeoutSeconds", 10, 1, Integer.MAX_VALUE);
    if (timeout >= interval) {
      violations.add(check.pathOf("timeoutSeconds"), "must be less than intervalSeconds (" + interval + ")");
    }
    List<Integer> statuses = check.list("httpStatusCodesForReady", (item, itemPath) -> {
      Integer status = JsonFields.asInt(item, itemPath, violations);
      return status == null || !JsonFields.inRange(itemPath, status, 100, 999, violations) ? null : status;
    });
    if (statuses != null && new HashSet<>(statuses).size() != statuses.size()) {
      violations.add(check.pathOf("httpStatusCodesForReady"), "must not contain duplicates");
    }
    return new ReadinessCheck(name == null ? "readinessCheck" : name, "HTTP", path == null ? "/" : path, portName,
      interval, timeout, statuses == null || statuses.isEmpty() ? List.of(200) : statuses,
      check.bool("preserveLastResponse", false));
  }
}
