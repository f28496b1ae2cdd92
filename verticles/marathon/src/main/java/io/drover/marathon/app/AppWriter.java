package io.drover.marathon.app;

import io.drover.marathon.app.AppDefinition.FetchUri;
import io.drover.marathon.app.AppDefinition.PortDefinition;
import io.drover.marathon.app.AppDefinition.UnreachableStrategy;
import io.drover.marathon.app.Container.Network;
import io.drover.marathon.app.Container.PortMapping;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes an app in the shape of Marathon 1.11's {@code GET /v2/apps/{id}}: every field, empty
 * lists included (older clients index into them without checking), top-level {@code networks} and
 * {@code container.portMappings}, plus the deprecated {@code container.docker.network} that pre-1.5
 * readers (such as old load balancers) still look at.
 */
final class AppWriter {

  private AppWriter() {
  }

  static JsonObject write(AppDefinition app) {
    JsonObject json = new JsonObject().put("id", app.id().toString());
    putIfSet(json, "cmd", app.cmd());
    json.put("args", array(app.args(), arg -> arg));
    putIfSet(json, "user", app.user());
    JsonObject env = object(app.env());
    app.secrets().env().forEach((variable, id) -> env.put(variable, new JsonObject().put("secret", id)));
    json.put("env", env)
      .put("instances", app.instances())
      .put("cpus", number(app.cpus()))
      .put("mem", number(app.mem()))
      .put("disk", number(app.disk()))
      .put("gpus", 0)
      .put("executor", app.executor() == null ? "" : app.executor())
      .put("constraints", array(app.constraints(), AppWriter::constraint))
      .put("fetch", array(app.fetch(), AppWriter::fetch))
      .put("backoffSeconds", number(app.backoffSeconds()))
      .put("backoffFactor", number(app.backoffFactor()))
      .put("maxLaunchDelaySeconds", number(app.maxLaunchDelaySeconds()));
    if (app.container() != null) {
      json.put("container", container(app.container()));
    }
    json.put("healthChecks", array(app.healthChecks(), AppWriter::healthCheck))
      .put("readinessChecks", array(app.readinessChecks(), AppWriter::readinessCheck))
      .put("dependencies", array(app.dependencies(), PathId::toString))
      .put("upgradeStrategy", new JsonObject()
        .put("minimumHealthCapacity", number(app.upgradeStrategy().minimumHealthCapacity()))
        .put("maximumOverCapacity", number(app.upgradeStrategy().maximumOverCapacity())))
      .put("labels", object(app.labels()))
      .put("killSelection", app.killSelection().name())
      .put("unreachableStrategy", unreachableStrategy(app.unreachableStrategy()))
      .put("requirePorts", app.requirePorts())
      .put("portDefinitions", array(app.portDefinitions(), AppWriter::portDefinition));
    Network network = app.isDocker() ? app.container().docker().network() : Network.HOST;
    if (network == Network.USER) {
      json.put("networks", new JsonArray().add(new JsonObject().put("mode", "container")
        .put("name", app.container().docker().networkName())));
    } else if (network != Network.NONE) {
      // Marathon has no NONE mode in networks; docker.network alone carries it
      json.put("networks", new JsonArray().add(new JsonObject()
        .put("mode", network == Network.HOST ? "host" : "container/bridge")));
    }
    if (!app.secrets().sources().isEmpty()) {
      JsonObject secrets = new JsonObject();
      app.secrets().sources().forEach((id, source) -> secrets.put(id, new JsonObject().put("source", source)));
      json.put("secrets", secrets);
    }
    // left out when not set, so that a stored app keeps following Marathon's --mesos-role
    if (app.role() != null) {
      json.put("role", app.role());
    }
    if (app.acceptedResourceRoles() != null) {
      json.put("acceptedResourceRoles", new JsonArray(app.acceptedResourceRoles()));
    }
    if (app.resourceLimits() != null) {
      JsonObject limits = app.resourceLimits().toJson();
      limits.fieldNames().removeIf(field -> limits.getValue(field) == null);
      json.put("resourceLimits", limits);
    }
    if (app.isDocker() && app.container().docker().tty()) {
      json.put("tty", true);
    }
    if (app.check() != null) {
      json.put("check", check(app.check()));
    }
    putIfSet(json, "taskKillGracePeriodSeconds", app.taskKillGracePeriodSeconds());
    putIfSet(json, "version", app.version());
    if (app.versionInfo() != null) {
      json.put("versionInfo", new JsonObject()
        .put("lastScalingAt", app.versionInfo().lastScalingAt())
        .put("lastConfigChangeAt", app.versionInfo().lastConfigChangeAt()));
    }
    return json;
  }

  static JsonArray constraint(Constraint c) {
    JsonArray parts = new JsonArray().add(c.field()).add(c.operator().name());
    return c.value() == null ? parts : parts.add(c.value());
  }

  static JsonObject fetch(FetchUri f) {
    JsonObject json = new JsonObject().put("uri", f.uri()).put("extract", f.extract())
      .put("executable", f.executable()).put("cache", f.cache());
    putIfSet(json, "destPath", f.destPath());
    return json;
  }

  private static JsonObject container(Container c) {
    JsonObject json = new JsonObject().put("type", c.type().name());
    if (c.docker() != null) {
      JsonObject docker = new JsonObject()
        .put("image", c.docker().image())
        .put("network", c.docker().network().name())
        .put("parameters", array(c.docker().parameters(), p -> new JsonObject().put("key", p.key())
          .put("value", p.value())))
        .put("privileged", c.docker().privileged())
        .put("forcePullImage", c.docker().forcePullImage());
      if (c.docker().pullConfigSecret() != null) {
        docker.put("pullConfig", new JsonObject().put("secret", c.docker().pullConfigSecret()));
      }
      json.put("docker", docker);
    }
    return json.put("portMappings", array(c.portMappings(), AppWriter::portMapping))
      .put("volumes", array(c.volumes(), v -> new JsonObject().put("containerPath", v.containerPath())
        .put("hostPath", v.hostPath()).put("mode", v.mode())));
  }

  private static JsonObject portMapping(PortMapping m) {
    JsonObject json = new JsonObject().put("containerPort", m.containerPort());
    putIfSet(json, "hostPort", m.hostPort());
    json.put("servicePort", m.servicePort()).put("protocol", m.protocol());
    putIfSet(json, "name", m.name());
    return json.put("labels", object(m.labels()));
  }

  private static JsonObject portDefinition(PortDefinition p) {
    JsonObject json = new JsonObject().put("port", p.port()).put("protocol", p.protocol());
    putIfSet(json, "name", p.name());
    return json.put("labels", object(p.labels()));
  }

  static JsonObject healthCheck(HealthCheckDefinition h) {
    JsonObject json = new JsonObject().put("protocol", h.protocol().name());
    putIfSet(json, "path", h.path());
    putIfSet(json, "portIndex", h.portIndex());
    putIfSet(json, "port", h.port());
    if (h.command() != null) {
      json.put("command", new JsonObject().put("value", h.command()));
    }
    return json.put("gracePeriodSeconds", h.gracePeriodSeconds())
      .put("intervalSeconds", h.intervalSeconds())
      .put("timeoutSeconds", h.timeoutSeconds())
      .put("maxConsecutiveFailures", h.maxConsecutiveFailures())
      .put("ignoreHttp1xx", h.ignoreHttp1xx())
      .put("delaySeconds", h.delaySeconds());
  }

  /** Marathon's AppCheck: the kind of check, then its timing. */
  private static JsonObject check(HealthCheckDefinition c) {
    JsonObject json = new JsonObject();
    switch (c.protocol()) {
      case COMMAND -> json.put("exec", new JsonObject().put("command", new JsonObject().put("shell", c.command())));
      case MESOS_HTTP -> json.put("http", new JsonObject().put("portIndex", c.portIndex()).put("path", c.path())
        .put("scheme", "HTTP"));
      default -> json.put("tcp", new JsonObject().put("portIndex", c.portIndex()));
    }
    return json.put("intervalSeconds", c.intervalSeconds()).put("timeoutSeconds", c.timeoutSeconds())
      .put("delaySeconds", c.delaySeconds());
  }

  private static JsonObject readinessCheck(ReadinessCheck r) {
    return new JsonObject()
      .put("name", r.name())
      .put("protocol", r.protocol())
      .put("path", r.path())
      .put("portName", r.portName())
      .put("intervalSeconds", r.intervalSeconds())
      .put("timeoutSeconds", r.timeoutSeconds())
      .put("httpStatusCodesForReady", array(r.httpStatusCodesForReady(), code -> code))
      .put("preserveLastResponse", r.preserveLastResponse());
  }

  static Object unreachableStrategy(UnreachableStrategy s) {
    return s.enabled()
      ? new JsonObject().put("inactiveAfterSeconds", s.inactiveAfterSeconds())
        .put("expungeAfterSeconds", s.expungeAfterSeconds())
      : "disabled";
  }

  /** Whole numbers as integers, as Marathon prints them ("backoffSeconds": 1, not 1.0). */
  static Number number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
  }

  static <T> JsonArray array(Collection<T> items, Function<T, Object> write) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(write.apply(item)));
    return array;
  }

  static JsonObject object(Map<String, String> values) {
    JsonObject json = new JsonObject();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  static void putIfSet(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
