package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.core.Instance;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.core.TaskFailure;
import io.drover.marathon.deploy.DeploymentJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The leader's state in Marathon's JSON: apps with their task counts, tasks, the launch queue and
 * deployments in progress, as {@code /v2} and the dashboard show them.
 */
final class MarathonJson {

  private MarathonJson() {
  }

  /** Marathon's app JSON with its task counts, deployments and, if asked, tasks and last failure. */
  static JsonObject app(MarathonReads reads, AppDefinition app, boolean withTasks, boolean withFailure) {
    JsonObject json = AppJson.writeApp(app);
    List<Instance> tasks = reads.tasks(app.id());
    boolean checks = !app.healthChecks().isEmpty();
    json.put("tasksStaged", tasks.stream().filter(i -> !i.isRunning()).count())
      .put("tasksRunning", tasks.stream().filter(Instance::isRunning).count())
      .put("tasksHealthy", checks ? tasks.stream().filter(i -> Boolean.TRUE.equals(i.healthy())).count() : 0)
      .put("tasksUnhealthy", checks ? tasks.stream().filter(i -> Boolean.FALSE.equals(i.healthy())).count() : 0)
      .put("deployments", new JsonArray(reads.deploymentsOf(app.id()).stream()
        .map(id -> new JsonObject().put("id", id)).toList()));
    if (withTasks) {
      json.put("tasks", new JsonArray(tasks.stream().map(i -> task(i, true)).toList()));
    }
    if (withFailure) {
      reads.lastFailure(app.id()).ifPresent(f -> json.put("lastTaskFailure", failure(f)));
    }
    return json;
  }

  /** Marathon's {@code lastTaskFailure}. */
  static JsonObject failure(TaskFailure failure) {
    return new JsonObject()
      .put("appId", failure.appId().toString())
      .put("host", failure.host())
      .put("message", failure.message())
      .put("state", failure.state().name())
      .put("taskId", failure.taskId())
      .put("timestamp", Instant.ofEpochMilli(failure.atMs()).toString())
      .put("version", failure.version())
      .put("slaveId", failure.agentId());
  }

  /** Marathon's task JSON (GET /v2/tasks, /v2/apps/{id}/tasks). */
  static JsonObject task(Instance task, boolean withHealth) {
    JsonObject json = new JsonObject()
      .put("id", task.taskId())
      .put("appId", task.appId().toString())
      .put("host", task.host())
      .put("ports", new JsonArray(task.ports()))
      .put("servicePorts", new JsonArray(task.servicePorts()))
      .put("slaveId", task.agentId())
      .put("agentId", task.agentId())
      .put("state", task.state().name())
      .put("stagedAt", Instant.ofEpochMilli(task.stagedAtMs()).toString())
      .put("startedAt", task.startedAtMs() == null ? null : Instant.ofEpochMilli(task.startedAtMs()).toString())
      .put("version", task.version())
      .put("role", "*")
      .put("localVolumes", new JsonArray())
      .put("ipAddresses", new JsonArray().add(new JsonObject().put("ipAddress", task.host()).put("protocol", "IPv4")));
    Boolean healthy = task.healthy();
    if (withHealth && healthy != null) {
      json.put("healthCheckResults", new JsonArray().add(new JsonObject()
        .put("alive", healthy)
        .put("consecutiveFailures", healthy ? 0 : 1)
        .put("firstSuccess", null)
        .put("lastFailure", null)
        .put("lastFailureCause", healthy ? null : task.healthMessage())
        .put("instanceId", task.taskId())));
    }
    return json;
  }

  static JsonArray tasks(List<Instance> tasks, boolean withHealth) {
    return new JsonArray(tasks.stream().map(t -> task(t, withHealth)).toList());
  }

  /** GET /v2/deployments: a bare array, as Marathon's. */
  static JsonArray deployments(MarathonReads reads) {
    return new JsonArray(reads.deployments().stream()
      .map(d -> DeploymentJson.toJson(d.plan(), d.currentStep(), reads::readinessResults))
      .toList());
  }

  /** GET /v2/queue's items. */
  static JsonArray queue(MarathonReads reads) {
    long now = reads.now();
    return new JsonArray(reads.queue().stream().map(entry -> queueItem(reads, entry, now)).toList());
  }

  /**
   * A queue item in Marathon's shape, plus Drover's {@code message}: why the tasks are not starting,
   * in words (the backoff, or which agents lack what).
   */
  private static JsonObject queueItem(MarathonReads reads, MarathonReads.Waiting entry, long now) {
    AppDefinition app = reads.app(entry.appId()).orElse(null);
    boolean delayed = entry.delay().isDelayed(now);
    String message = delayed
      ? "waiting out the launch backoff after " + entry.delay().failures() + " failure(s): "
        + entry.delay().timeLeftSeconds(now) + " s left (delay " + entry.delay().currentDelaySeconds() + " s)"
      : entry.offers().processedOffersCount() == 0 ? "waiting for offers" : entry.offers().explanation();
    return new JsonObject()
      .put("app", app == null ? new JsonObject().put("id", entry.appId().toString()) : app(reads, app, false, false))
      .put("count", entry.count())
      .put("role", "*")
      .put("delay", new JsonObject().put("timeLeftSeconds", entry.delay().timeLeftSeconds(now)).put("overdue", !delayed)
        .put("currentDelaySeconds", entry.delay().currentDelaySeconds()).put("failures", entry.delay().failures()))
      .put("since", Instant.ofEpochMilli(entry.sinceMs()).toString())
      .put("processedOffersSummary", new JsonObject(entry.offers().toMap()))
      .put("lastUnusedOffers", new JsonArray(entry.offers().lastUnusedOffers().stream()
        .map(u -> new JsonObject()
          .put("offer", new JsonObject().put("agentId", u.rejection().agentId()).put("hostname", u.rejection().hostname()))
          .put("reason", new JsonArray(u.rejection().reasons().stream().map(Enum::name).toList()))
          .put("details", new JsonArray(u.rejection().details()))
          .put("timestamp", Instant.ofEpochMilli(u.atMs()).toString()))
        .toList()))
      .put("message", message);
  }
}
