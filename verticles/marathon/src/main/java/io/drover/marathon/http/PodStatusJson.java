package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.Pod;
import io.drover.marathon.core.Instance;
import io.drover.protocol.TaskState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * Marathon's {@code PodStatus} ({@code /v2/pods/{id}::status}): the pod's spec, whether enough of
 * its instances are stable, and each instance with its containers' tasks and their endpoints.
 */
final class PodStatusJson {

  private PodStatusJson() {
  }

  static JsonObject status(AppDefinition pod, List<Instance> instances, long nowMs) {
    long stable = instances.stream().filter(i -> instanceState(pod, i).equals("STABLE")).count();
    long since = instances.stream().mapToLong(i -> since(i)).max().orElse(Instant.parse(pod.version()).toEpochMilli());
    String now = iso(nowMs);
    return new JsonObject()
      .put("id", pod.id().toString())
      .put("spec", AppJson.writePod(pod))
      .put("status", stable >= pod.instances() ? "STABLE" : "DEGRADED")
      .put("statusSince", iso(since))
      .put("instances", new JsonArray(instances.stream().map(i -> instance(pod, i, now)).toList()))
      .put("lastUpdated", now)
      .put("lastChanged", iso(since));
  }

  /**
   * Marathon's {@code Instance} (the answer of a kill through {@code ::instances}): its condition,
   * agent and version.
   */
  static JsonObject killed(AppDefinition pod, Instance instance) {
    JsonObject state = new JsonObject().put("condition", Instance.condition(instance.state()))
      .put("since", iso(since(instance))).put("goal", "Stopped");
    if (instance.startedAtMs() != null) {
      state.put("activeSince", iso(instance.startedAtMs()));
    }
    if (instance.healthy() != null) {
      state.put("healthy", instance.healthy());
    }
    AppDefinition.UnreachableStrategy unreachable = pod.unreachableStrategy();
    return new JsonObject().put("instanceId", instance.taskId()).put("state", state)
      .put("agentInfo", new JsonObject().put("host", instance.host()).put("agentId", instance.agentId())
        .put("attributes", new JsonArray()))
      .put("runSpecVersion", instance.version())
      .put("unreachableStrategy", unreachable.enabled()
        ? new JsonObject().put("inactiveAfterSeconds", unreachable.inactiveAfterSeconds())
          .put("expungeAfterSeconds", unreachable.expungeAfterSeconds())
        : "disabled");
  }

  private static JsonObject instance(AppDefinition pod, Instance instance, String now) {
    Pod.ExecutorResources executor = pod.pod().executorResources();
    JsonArray containers = new JsonArray();
    for (Instance.ContainerTask task : instance.containerTasks()) {
      Pod.PodContainer container = pod.pod().container(task.container());
      if (container != null) {
        containers.add(container(pod, instance, task, container, now));
      }
    }
    return new JsonObject()
      .put("id", instance.taskId())
      .put("status", instanceState(pod, instance))
      .put("statusSince", iso(since(instance)))
      .put("agentHostname", instance.host())
      .put("agentId", instance.agentId())
      .put("resources", resources(pod.cpus(), pod.mem(), pod.disk()))
      .put("networks", new JsonArray())
      .put("containers", containers)
      .put("specReference", "/v2/pods" + pod.id() + "::versions/" + instance.version())
      .put("lastUpdated", now)
      .put("lastChanged", iso(since(instance)))
      .put("role", instance.role());
  }

  private static JsonObject container(AppDefinition pod, Instance instance, Instance.ContainerTask task,
                                      Pod.PodContainer container, String now) {
    int check = pod.pod().checkIndex(container.name());
    Boolean healthy = check < 0 ? null : instance.alive(check);
    Pod.Endpoint checked = check < 0 || container.healthCheck().portIndex() == null ? null
      : container.endpoints().get(container.healthCheck().portIndex());
    JsonArray endpoints = new JsonArray();
    Iterator<Integer> ports = task.ports().iterator();
    for (Pod.Endpoint endpoint : container.endpoints()) {
      JsonObject json = new JsonObject().put("name", endpoint.name());
      if (ports.hasNext()) {
        json.put("allocatedHostPort", ports.next());
      }
      if (endpoint == checked && healthy != null) {
        json.put("healthy", healthy);
      }
      endpoints.add(json);
    }
    JsonObject json = new JsonObject()
      .put("name", container.name())
      .put("status", task.state().name())
      .put("statusSince", iso(task.sinceMs()))
      .put("containerId", task.taskId())
      .put("endpoints", endpoints)
      .put("resources", resources(container.cpus(), container.mem(), container.disk()))
      .put("lastUpdated", now)
      .put("lastChanged", iso(task.sinceMs()));
    if (healthy != null) {
      json.put("conditions", new JsonArray().add(new JsonObject().put("name", "healthy")
        .put("lastChanged", iso(task.sinceMs())).put("lastUpdated", now).put("value", healthy.toString())));
    }
    return json;
  }

  /**
   * Marathon's {@code PodInstanceState}: staging until every container runs, then stable when the
   * checks pass (degraded while they do not), terminal once it is being killed or has ended.
   */
  static String instanceState(AppDefinition pod, Instance instance) {
    TaskState state = instance.state();
    if (state == TaskState.TASK_STAGING || state == TaskState.TASK_STARTING) {
      return "STAGING";
    }
    if (state == TaskState.TASK_RUNNING) {
      return pod.healthChecks().isEmpty() || Boolean.TRUE.equals(instance.healthy()) ? "STABLE" : "DEGRADED";
    }
    return state == TaskState.TASK_UNREACHABLE ? "DEGRADED" : "TERMINAL";
  }

  private static long since(Instance instance) {
    return instance.startedAtMs() != null ? instance.startedAtMs() : instance.stagedAtMs();
  }

  private static JsonObject resources(double cpus, double mem, double disk) {
    return new JsonObject().put("cpus", cpus).put("mem", mem).put("disk", disk).put("gpus", 0);
  }

  private static String iso(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}
