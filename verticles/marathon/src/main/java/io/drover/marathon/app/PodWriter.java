package io.drover.marathon.app;

import io.drover.marathon.app.Pod.Endpoint;
import io.drover.marathon.app.Pod.PodContainer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static io.drover.marathon.app.AppWriter.array;
import static io.drover.marathon.app.AppWriter.number;
import static io.drover.marathon.app.AppWriter.object;
import static io.drover.marathon.app.AppWriter.putIfSet;

/** Writes a pod in the shape of Marathon 1.11's {@code GET /v2/pods/{id}}, defaults spelled out. */
final class PodWriter {

  private PodWriter() {
  }

  static JsonObject write(AppDefinition app) {
    Pod pod = app.pod();
    JsonObject json = new JsonObject().put("id", app.id().toString()).put("labels", object(app.labels()));
    putIfSet(json, "version", app.version());
    putIfSet(json, "user", app.user());
    // left out when not set, so that a stored pod keeps following Marathon's --mesos-role
    putIfSet(json, "role", app.role());
    return json.put("environment", object(app.env()))
      .put("containers", array(pod.containers(), PodWriter::container))
      .put("secrets", new JsonObject())
      .put("volumes", array(pod.volumes(), name -> new JsonObject().put("name", name)))
      .put("networks", new JsonArray().add(new JsonObject().put("mode", "host")))
      .put("scaling", new JsonObject().put("kind", "fixed").put("instances", app.instances()))
      .put("scheduling", new JsonObject()
        .put("backoff", new JsonObject().put("backoff", number(app.backoffSeconds()))
          .put("backoffFactor", number(app.backoffFactor()))
          .put("maxLaunchDelay", number(app.maxLaunchDelaySeconds())))
        .put("upgrade", new JsonObject()
          .put("minimumHealthCapacity", number(app.upgradeStrategy().minimumHealthCapacity()))
          .put("maximumOverCapacity", number(app.upgradeStrategy().maximumOverCapacity())))
        .put("placement", new JsonObject().put("constraints", array(app.constraints(), AppWriter::constraint))
          .put("acceptedResourceRoles", new JsonArray()))
        .put("killSelection", app.killSelection().name())
        .put("unreachableStrategy", AppWriter.unreachableStrategy(app.unreachableStrategy())))
      .put("executorResources", new JsonObject().put("cpus", number(pod.executorResources().cpus()))
        .put("mem", number(pod.executorResources().mem())).put("disk", number(pod.executorResources().disk())));
  }

  private static JsonObject container(PodContainer c) {
    JsonObject json = new JsonObject().put("name", c.name())
      .put("exec", new JsonObject().put("command", new JsonObject().put("shell", c.shell())))
      .put("resources", new JsonObject().put("cpus", number(c.cpus())).put("mem", number(c.mem()))
        .put("disk", number(c.disk())).put("gpus", 0))
      .put("endpoints", array(c.endpoints(), PodWriter::endpoint))
      .put("environment", object(c.env()));
    putIfSet(json, "user", c.user());
    if (c.healthCheck() != null) {
      json.put("healthCheck", healthCheck(c.healthCheck(), c));
    }
    json.put("volumeMounts", array(c.volumeMounts(), m -> new JsonObject().put("name", m.name())
        .put("mountPath", m.mountPath())))
      .put("artifacts", array(c.artifacts(), AppWriter::fetch))
      .put("labels", object(c.labels()));
    if (c.killGracePeriodSeconds() != null) {
      json.put("lifecycle", new JsonObject().put("killGracePeriodSeconds", c.killGracePeriodSeconds()));
    }
    return json;
  }

  private static JsonObject endpoint(Endpoint e) {
    return new JsonObject().put("name", e.name()).put("hostPort", e.hostPort())
      .put("protocol", array(e.protocol(), p -> p)).put("labels", object(e.labels()));
  }

  private static JsonObject healthCheck(HealthCheckDefinition h, PodContainer c) {
    JsonObject json = new JsonObject();
    switch (h.protocol()) {
      case COMMAND -> json.put("exec", new JsonObject().put("command", new JsonObject().put("shell", h.command())));
      case MESOS_HTTP -> json.put("http", new JsonObject().put("endpoint", c.endpoints().get(h.portIndex()).name())
        .put("path", h.path()).put("scheme", "HTTP"));
      default -> json.put("tcp", new JsonObject().put("endpoint", c.endpoints().get(h.portIndex()).name()));
    }
    return json.put("gracePeriodSeconds", h.gracePeriodSeconds())
      .put("intervalSeconds", h.intervalSeconds())
      .put("maxConsecutiveFailures", h.maxConsecutiveFailures())
      .put("timeoutSeconds", h.timeoutSeconds())
      .put("delaySeconds", h.delaySeconds());
  }
}
