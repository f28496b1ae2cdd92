package io.drover.marathon.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Marathon app and group fields Drover rejects with "not supported by Drover", and what about
 * them is not supported. Keys are JSON paths inside an app, in a group (the {@code /pods} row) or,
 * after {@code pod:}, inside a pod:
 * {@code (*)} stands for any array index, {@code *} for any object key. Fields not listed here are
 * either supported or unknown to Marathon.
 */
public final class UnsupportedFields {

  public static final String ERROR = "not supported by Drover";

  private static final Map<String, String> TABLE = table(
    "/check/*/port", "a check on a port the app does not own (use portIndex)",
    "/check/http/scheme", "HTTPS checks",
    "/container/docker/credential", "the Mesos containerizer's registry credential (Marathon takes it for MESOS containers"
      + " only; a DOCKER app pulls with pullConfig)",
    "/container/linuxInfo", "Linux capabilities and seccomp settings",
    "/container/portMappings(*)/networkNames", "named container networks",
    "/container/type", "the MESOS containerizer with an image (use DOCKER)",
    "/container/volumes", "volumes in a container without an image",
    "/container/volumes(*)", "persistent, external and secret volumes (host volumes only)",
    "/executorResources", "executor resources",
    "/gpus", "GPUs (only 0)",
    "/healthChecks(*)/ipProtocol", "IPv6 health checks",
    "/healthChecks(*)/protocol", "MESOS_HTTPS health checks",
    "/ipAddress", "IP-per-task networking (deprecated in Marathon)",
    "/networks", "several networks, network labels, or a container network without a DOCKER container",
    "/readinessChecks(*)/protocol", "HTTPS readiness checks",
    "/residency", "resident tasks",
    "/storeUrls", "store URLs",
    "/tty", "a TTY for a task without a Docker container",
    "/pods", "pods in a group's body (create them through /v2/pods)",
    "pod:/containers(*)/image", "pods of images (a container runs a shell command)",
    "pod:/containers(*)/check", "Mesos checks (use healthCheck)",
    "pod:/containers(*)/healthCheck/http/scheme", "HTTPS health checks",
    "pod:/containers(*)/linuxInfo", "Linux capabilities and seccomp settings",
    "pod:/containers(*)/resourceLimits", "resource limits of a pod's container",
    "pod:/containers(*)/resources/gpus", "GPUs (only 0)",
    "pod:/containers(*)/tty", "a TTY for a pod's container",
    "pod:/containers(*)/volumeMounts(*)/readOnly", "read-only mounts (a pod's volumes are read-write for all)",
    "pod:/linuxInfo", "Linux capabilities and seccomp settings",
    "pod:/networks", "container and bridge networks (pods have the host's network)",
    "pod:/scheduling/placement/acceptedResourceRoles", "reserved resources for pods (only *)",
    "pod:/secrets", "secrets of pods",
    "pod:/volumes(*)", "host, persistent and secret volumes of pods (ephemeral volumes only)");

  private UnsupportedFields() {
  }

  /** Path pattern to what is not supported there, in a stable order (for the README). */
  public static Map<String, String> table() {
    return TABLE;
  }

  static String error(String tableKey) {
    String what = TABLE.get(tableKey);
    if (what == null) {
      throw new IllegalArgumentException("no row " + tableKey + " in the unsupported-field table");
    }
    return ERROR + ": " + what;
  }

  private static Map<String, String> table(String... pathsAndReasons) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndReasons.length; i += 2) {
      rows.put(pathsAndReasons[i], pathsAndReasons[i + 1]);
    }
    return Collections.unmodifiableMap(rows);
  }
}
