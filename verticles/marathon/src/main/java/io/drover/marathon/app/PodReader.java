package io.drover.marathon.app;

import io.drover.marathon.app.AppDefinition.KillSelection;
import io.drover.marathon.app.AppDefinition.PortDefinition;
import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import io.drover.marathon.app.HealthCheckDefinition.Protocol;
import io.drover.marathon.app.Pod.Endpoint;
import io.drover.marathon.app.Pod.ExecutorResources;
import io.drover.marathon.app.Pod.PodContainer;
import io.drover.marathon.app.Pod.VolumeMount;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one Marathon pod (pod.raml), filling in Marathon's defaults, into the app definition that
 * carries it: the containers' resources and the executor's summed up, their endpoints as the host
 * ports, their health checks in container order. Unsupported parts are named, as for apps.
 */
final class PodReader {

  static final Set<String> FIELDS = Set.of("id", "labels", "user", "environment", "containers", "secrets", "volumes",
    "networks", "scaling", "scheduling", "executorResources", "role", "linuxInfo", "legacySharedCgroups");
  /** {@code versionInfo} is Drover's, in what it stores. */
  static final Set<String> READ_ONLY_FIELDS = Set.of("version", "versionInfo");
  private static final Set<String> CONTAINER_FIELDS = Set.of("name", "exec", "resources", "resourceLimits",
    "endpoints", "linuxInfo", "image", "environment", "user", "healthCheck", "check", "volumeMounts", "artifacts",
    "labels", "lifecycle", "tty");
  /** Marathon's {@code strings.Name}: a DNS label. */
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp");

  private final JsonFields pod;
  private final Violations violations;
  private final AppReader shared;

  private PodReader(JsonFields pod, PathId base) {
    this.pod = pod;
    this.violations = pod.violations();
    this.shared = new AppReader(pod, base);
  }

  /** The pod as an app definition, or null when a violation was recorded. */
  static AppDefinition read(JsonFields pod, PathId base) {
    return new PodReader(pod, base).read();
  }

  private AppDefinition read() {
    int before = violations.count();
    pod.rejectUnknown(FIELDS, READ_ONLY_FIELDS);
    for (String field : List.of("linuxInfo", "secrets")) {
      if (pod.has(field) && !(pod.raw(field) instanceof JsonObject object && object.isEmpty())) {
        violations.unsupported(pod.pathOf(field), "pod:/" + field);
      }
    }
    readNetworks();
    PathId id = shared.readId();
    List<String> volumes = readVolumes();
    List<PodContainer> containers = pod.objects("containers", c -> container(c, volumes));
    if (containers == null || containers.isEmpty() && pod.array("containers") != null) {
      violations.add(pod.pathOf("containers"), containers == null ? "is required" : "must not be empty");
      containers = List.of();
    }
    Set<String> names = new HashSet<>();
    containers.stream().filter(c -> !names.add(c.name())).forEach(c ->
      violations.add(pod.pathOf("containers"), "container names must be unique: '" + c.name() + "'"));
    ExecutorResources executor = readExecutorResources();
    JsonFields scaling = orEmpty(pod.object("scaling"));
    scaling.rejectUnknown(Set.of("kind", "instances", "maxInstances"), Set.of());
    if (!scaling.string("kind", "fixed").equals("fixed")) {
      violations.add(scaling.pathOf("kind"), "must be fixed");
    }
    JsonFields scheduling = orEmpty(pod.object("scheduling"));
    scheduling.rejectUnknown(Set.of("backoff", "upgrade", "placement", "killSelection", "unreachableStrategy"),
      Set.of());
    JsonFields backoff = orEmpty(scheduling.object("backoff"));
    backoff.rejectUnknown(Set.of("backoff", "backoffFactor", "maxLaunchDelay"), Set.of());
    JsonFields placement = orEmpty(scheduling.object("placement"));
    placement.rejectUnknown(Set.of("constraints", "acceptedResourceRoles"), Set.of());
    readAcceptedResourceRoles(placement);
    AppReader schedulingRules = new AppReader(scheduling, PathId.ROOT);
    AppDefinition read = new AppDefinition(
      id == null ? PathId.ROOT : id,
      null,
      List.of(),
      pod.string("user"),
      orEmpty(pod.stringMap("environment")),
      scaling.integer("instances", AppDefinition.DEFAULT_INSTANCES, 0, AppDefinition.MAX_INSTANCES),
      executor.cpus() + containers.stream().mapToDouble(PodContainer::cpus).sum(),
      executor.mem() + containers.stream().mapToDouble(PodContainer::mem).sum(),
      executor.disk() + containers.stream().mapToDouble(PodContainer::disk).sum(),
      orEmpty(placement.list("constraints", schedulingRules::readConstraint)),
      List.of(),
      null,
      containers.stream().flatMap(c -> c.endpoints().stream())
        .map(e -> new PortDefinition(e.hostPort(), String.join(",", e.protocol()), e.name(), e.labels())).toList(),
      // an endpoint's non-zero host port is that port, as Marathon's pods have it
      true,
      containers.stream().map(PodContainer::healthCheck).filter(Objects::nonNull).toList(),
      List.of(),
      List.of(),
      readUpgradeStrategy(scheduling),
      orEmpty(pod.stringMap("labels")),
      backoff.number("backoff", AppDefinition.DEFAULT_BACKOFF_SECONDS, 0, Double.MAX_VALUE),
      backoff.number("backoffFactor", AppDefinition.DEFAULT_BACKOFF_FACTOR, 1, Double.MAX_VALUE),
      backoff.number("maxLaunchDelay", AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS, 0, Double.MAX_VALUE),
      scheduling.enumValue("killSelection", KillSelection.class, KillSelection.YOUNGEST_FIRST),
      schedulingRules.readUnreachableStrategy(),
      null,
      null,
      null,
      "",
      Secrets.NONE,
      null,
      shared.readRole(),
      List.of(Roles.DEFAULT),
      null,
      null).withPod(new Pod(containers, volumes, executor));
    return violations.count() > before ? null : read;
  }

  /** Host networking only: every container of a pod shares the agent's network, as command tasks do. */
  private void readNetworks() {
    List<String> modes = pod.objects("networks", network -> {
      network.rejectUnknown(Set.of("name", "mode", "labels"), Set.of());
      return network.string("mode", "container");
    });
    if (modes != null && !(modes.isEmpty() || modes.equals(List.of("host")))) {
      violations.unsupported(pod.pathOf("networks"), "pod:/networks");
    }
  }

  /** Ephemeral volumes ({@code {"name": ...}}); host, persistent and secret volumes are not supported. */
  private List<String> readVolumes() {
    List<String> names = orEmpty(pod.objects("volumes", volume -> {
      if (!volume.json().fieldNames().equals(Set.of("name"))) {
        violations.unsupported(volume.path(), "pod:/volumes(*)");
        return null;
      }
      return name(volume, "name");
    }));
    if (new HashSet<>(names).size() != names.size()) {
      violations.add(pod.pathOf("volumes"), "volume names must be unique");
    }
    return names;
  }

  private PodContainer container(JsonFields container, List<String> volumes) {
    container.rejectUnknown(CONTAINER_FIELDS, Set.of());
    for (String field : List.of("image", "check", "linuxInfo", "resourceLimits")) {
      if (container.has(field)) {
        violations.unsupported(container.pathOf(field), "pod:/containers(*)/" + field);
      }
    }
    if (container.bool("tty", false)) {
      violations.unsupported(container.pathOf("tty"), "pod:/containers(*)/tty");
    }
    String name = name(container, "name");
    JsonFields exec = container.object("exec");
    String shell = null;
    if (exec == null) {
      violations.add(container.pathOf("exec"), "is required (pods of images are not supported)");
    } else {
      exec.rejectUnknown(Set.of("command", "overrideEntrypoint"), Set.of());
      JsonFields command = orEmpty(exec.object("command"));
      command.rejectUnknown(Set.of("shell"), Set.of());
      shell = command.nonEmptyString("shell");
      if (shell == null && !command.has("shell")) {
        violations.add(command.pathOf("shell"), "is required");
      }
    }
    JsonFields resources = container.object("resources");
    if (resources == null) {
      violations.add(container.pathOf("resources"), "is required");
      resources = new JsonFields(new JsonObject(), container.pathOf("resources"), violations);
    }
    resources.rejectUnknown(Set.of("cpus", "mem", "disk", "gpus"), Set.of());
    if (resources.integer("gpus", 0, 0, Integer.MAX_VALUE) != 0) {
      violations.unsupported(resources.pathOf("gpus"), "pod:/containers(*)/resources/gpus");
    }
    List<Endpoint> endpoints = orEmpty(container.objects("endpoints", this::endpoint));
    List<VolumeMount> mounts = orEmpty(container.objects("volumeMounts", mount -> volumeMount(mount, volumes)));
    JsonFields lifecycle = orEmpty(container.object("lifecycle"));
    lifecycle.rejectUnknown(Set.of("killGracePeriodSeconds"), Set.of());
    Double grace = lifecycle.number("killGracePeriodSeconds");
    JsonFields check = container.object("healthCheck");
    return new PodContainer(name, shell,
      resources.number("cpus", AppDefinition.DEFAULT_CPUS, AppReader.MIN_CPUS, Double.MAX_VALUE),
      resources.number("mem", AppDefinition.DEFAULT_MEM, AppReader.MIN_MEM, Double.MAX_VALUE),
      resources.number("disk", AppDefinition.DEFAULT_DISK, 0, Double.MAX_VALUE),
      endpoints, orEmpty(container.stringMap("environment")), container.string("user"),
      orEmpty(container.stringMap("labels")), mounts, orEmpty(container.objects("artifacts", shared::fetchUri)),
      check == null ? null : healthCheck(check, endpoints),
      grace == null ? null : (int) Math.ceil(grace));
  }

  private Endpoint endpoint(JsonFields endpoint) {
    endpoint.rejectUnknown(Set.of("name", "containerPort", "hostPort", "protocol", "labels", "networkNames"),
      Set.of());
    if (endpoint.has("containerPort") || endpoint.has("networkNames")) {
      violations.add(endpoint.path(), "containerPort and networkNames are for container networks; a pod here has "
        + "the host's network");
    }
    List<String> protocols = endpoint.strings("protocol");
    if (protocols != null && (protocols.isEmpty() || !PROTOCOLS.containsAll(protocols))) {
      violations.add(endpoint.pathOf("protocol"), "must name tcp, udp or both");
    }
    return new Endpoint(name(endpoint, "name"), endpoint.integer("hostPort", 0, 0, ContainerReader.MAX_PORT),
      protocols == null ? List.of("tcp") : protocols, orEmpty(endpoint.stringMap("labels")));
  }

  /** A mount of one of the pod's volumes, at a path relative to the container's sandbox. */
  private VolumeMount volumeMount(JsonFields mount, List<String> volumes) {
    mount.rejectUnknown(Set.of("name", "mountPath", "readOnly"), Set.of());
    if (mount.bool("readOnly", false)) {
      violations.unsupported(mount.pathOf("readOnly"), "pod:/containers(*)/volumeMounts(*)/readOnly");
    }
    String name = name(mount, "name");
    if (name != null && !volumes.contains(name)) {
      violations.add(mount.pathOf("name"), "names no volume of the pod: '" + name + "'");
    }
    String mountPath = mount.nonEmptyString("mountPath");
    if (mountPath == null) {
      violations.add(mount.pathOf("mountPath"), "is required");
    } else if (Path.of(mountPath).isAbsolute() || mountPath.startsWith("..")
      || !Path.of(mountPath).normalize().equals(Path.of(mountPath))) {
      // without an image a container has no root filesystem of its own to mount into
      violations.add(mount.pathOf("mountPath"), "must be a path relative to the container's sandbox, without '..'");
    }
    return new VolumeMount(name, mountPath);
  }

  /**
   * A container's check: {@code http}, {@code tcp} (on one of its endpoints) or {@code exec}, run by
   * the agent beside the container, as Mesos's default executor runs it.
   */
  private HealthCheckDefinition healthCheck(JsonFields check, List<Endpoint> endpoints) {
    check.rejectUnknown(Set.of("http", "tcp", "exec", "gracePeriodSeconds", "intervalSeconds",
      "maxConsecutiveFailures", "timeoutSeconds", "delaySeconds"), Set.of());
    CheckReader.Kind kind = CheckReader.kind(check, Set.of("endpoint"), "pod:/containers(*)/healthCheck/http/scheme");
    if (kind == null) {
      return null;
    }
    Integer portIndex = null;
    if (kind.protocol() != Protocol.COMMAND) {
      String endpoint = kind.fields().string("endpoint");
      portIndex = endpoints.stream().map(Endpoint::name).toList().indexOf(endpoint);
      if (portIndex < 0) {
        violations.add(kind.fields().pathOf("endpoint"), "names no endpoint of the container: '" + endpoint + "'");
      }
    }
    return new HealthCheckDefinition(kind.protocol(), kind.path(), portIndex, null, kind.command(),
      CheckReader.seconds(check, "gracePeriodSeconds", HealthCheckDefinition.DEFAULT_GRACE_PERIOD_SECONDS),
      CheckReader.seconds(check, "intervalSeconds", HealthCheckDefinition.DEFAULT_INTERVAL_SECONDS),
      CheckReader.seconds(check, "timeoutSeconds", HealthCheckDefinition.DEFAULT_TIMEOUT_SECONDS),
      CheckReader.seconds(check, "maxConsecutiveFailures", HealthCheckDefinition.DEFAULT_MAX_CONSECUTIVE_FAILURES),
      false,
      CheckReader.seconds(check, "delaySeconds", HealthCheckDefinition.DEFAULT_DELAY_SECONDS));
  }

  private ExecutorResources readExecutorResources() {
    JsonFields resources = orEmpty(pod.object("executorResources"));
    resources.rejectUnknown(Set.of("cpus", "mem", "disk"), Set.of());
    ExecutorResources fallback = ExecutorResources.DEFAULT;
    return new ExecutorResources(resources.number("cpus", fallback.cpus(), 0, Double.MAX_VALUE),
      resources.number("mem", fallback.mem(), 0, Double.MAX_VALUE),
      resources.number("disk", fallback.disk(), 0, Double.MAX_VALUE));
  }

  private UpgradeStrategy readUpgradeStrategy(JsonFields scheduling) {
    JsonFields upgrade = orEmpty(scheduling.object("upgrade"));
    upgrade.rejectUnknown(Set.of("minimumHealthCapacity", "maximumOverCapacity"), Set.of());
    return new UpgradeStrategy(
      upgrade.number("minimumHealthCapacity", UpgradeStrategy.DEFAULT.minimumHealthCapacity(), 0, 1),
      upgrade.number("maximumOverCapacity", UpgradeStrategy.DEFAULT.maximumOverCapacity(), 0, 1));
  }

  /** Pods take unreserved resources only: their containers' resources are not split across roles. */
  private void readAcceptedResourceRoles(JsonFields placement) {
    List<String> roles = placement.strings("acceptedResourceRoles");
    if (roles != null && !roles.isEmpty() && !roles.equals(List.of(Roles.DEFAULT))) {
      violations.unsupported(placement.pathOf("acceptedResourceRoles"),
        "pod:/scheduling/placement/acceptedResourceRoles");
    }
  }

  private String name(JsonFields object, String field) {
    String name = object.nonEmptyString(field);
    if (name == null) {
      if (!object.has(field)) {
        violations.add(object.pathOf(field), "is required");
      }
      return null;
    }
    if (name.length() > 63 || !NAME.matcher(name).matches()) {
      violations.add(object.pathOf(field), "must be lowercase letters, digits and '-', 63 at most, "
        + "starting and ending with a letter or digit");
    }
    return name;
  }

  private JsonFields orEmpty(JsonFields fields) {
    return fields != null ? fields : new JsonFields(new JsonObject(), pod.path(), violations);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : new LinkedHashMap<>(map);
  }
}
