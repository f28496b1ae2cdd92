package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.core.HostAddresses;
import io.drover.marathon.core.Instance;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.core.TaskFailure;
import io.drover.marathon.deploy.DeploymentJson;
import io.drover.protocol.CheckStatus;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The leader's state in Marathon's JSON: apps with their task counts, tasks, the launch queue and
 * deployments in progress, as {@code /v2} and the dashboard show them.
 */
final class MarathonJson {

  private MarathonJson() {
  }

  /**
   * Marathon's {@code AppInfo}: the app as defined, with what {@code embeds} ask for (counts,
   * deployments, tasks, last failure, readiness results, task statistics) and nothing else.
   */
  static JsonObject app(MarathonReads reads, AppDefinition app, Set<AppEmbed> embeds) {
    JsonObject json = AppJson.writeApp(app);
    if (embeds.isEmpty()) {
      return json;
    }
    List<Instance> tasks = reads.tasks(app.id());
    if (embeds.contains(AppEmbed.COUNTS)) {
      TaskStatsJson.Counts counts = TaskStatsJson.count(app, tasks);
      json.put("tasksStaged", counts.staged()).put("tasksRunning", counts.running())
        .put("tasksHealthy", counts.healthy()).put("tasksUnhealthy", counts.unhealthy());
    }
    if (embeds.contains(AppEmbed.DEPLOYMENTS)) {
      json.put("deployments", new JsonArray(reads.deploymentsOf(app.id()).stream()
        .map(id -> new JsonObject().put("id", id)).toList()));
    }
    if (embeds.contains(AppEmbed.READINESS)) {
      json.put("readinessCheckResults", reads.deploymentsOf(app.id()).isEmpty() ? new JsonArray()
        : reads.readinessResults(app.id()));
    }
    if (embeds.contains(AppEmbed.TASKS)) {
      json.put("tasks", tasks(tasks, true));
    }
    if (embeds.contains(AppEmbed.LAST_TASK_FAILURE)) {
      reads.lastFailure(app.id()).ifPresent(f -> json.put("lastTaskFailure", failure(f)));
    }
    if (embeds.contains(AppEmbed.TASK_STATS)) {
      // Marathon 1.11 writes this embed under "tasksStats" (its RAML type's name for the field)
      json.put("tasksStats", TaskStatsJson.byVersion(app, tasks, reads.now()));
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

  /** Marathon's task JSON (GET /v2/tasks, /v2/apps/{id}/tasks): exactly its fields, no others. */
  static JsonObject task(Instance task, boolean withHealth) {
    JsonObject json = new JsonObject()
      .put("appId", task.appId().toString())
      .put("host", task.host())
      .put("id", task.taskId())
      .put("ipAddresses", HostAddresses.of(task))
      .put("ports", new JsonArray(task.ports()))
      .put("servicePorts", new JsonArray(task.servicePorts()))
      .put("slaveId", task.agentId())
      .put("state", task.state().name())
      .put("stagedAt", iso(task.stagedAtMs()))
      .put("version", task.version())
      .put("localVolumes", new JsonArray())
      .put("role", task.role());
    if (task.startedAtMs() != null) {
      json.put("startedAt", iso(task.startedAtMs()));
    }
    JsonObject checkResult = checkResult(task.checkStatus());
    if (checkResult != null) {
      json.put("checkResult", checkResult);
    }
    if (withHealth && !task.healthResults().isEmpty()) {
      json.put("healthCheckResults", new JsonArray(task.healthResults().stream()
        .map(h -> h.toJson(task.taskId())).toList()));
    }
    return json;
  }

  /** Marathon's {@code CheckStatus} of a task: what its check found, once it found something. */
  private static JsonObject checkResult(CheckStatus status) {
    if (status == null) {
      return null;
    }
    return switch (status.type()) {
      case COMMAND -> status.exitCode() == null ? null
        : new JsonObject().put("command", new JsonObject().put("exitCode", status.exitCode()));
      case HTTP -> status.statusCode() == null ? null
        : new JsonObject().put("http", new JsonObject().put("statusCode", status.statusCode()));
      case TCP -> status.succeeded() == null ? null
        : new JsonObject().put("tcp", new JsonObject().put("succeeded", status.succeeded()));
    };
  }

  private static String iso(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
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

  /**
   * GET /v2/queue's items. {@code lastUnusedOffers} only when asked, as Marathon's. Drover's additions
   * (the item's {@code message}, why its tasks are not starting in words, and the delay's
   * {@code currentDelaySeconds} and {@code failures}) only when asked with {@code embed=drover}, which
   * no Marathon client sends.
   */
  static JsonArray queue(MarathonReads reads, boolean withUnusedOffers, boolean withMessage) {
    long now = reads.now();
    return new JsonArray(reads.queue().stream()
      .map(entry -> queueItem(reads, entry, now, withUnusedOffers, withMessage)).toList());
  }

  private static JsonObject queueItem(MarathonReads reads, MarathonReads.Waiting entry, long now,
                                      boolean withUnusedOffers, boolean withMessage) {
    AppDefinition app = reads.appOrPod(entry.appId()).orElse(null);
    boolean delayed = entry.delay().isDelayed(now);
    // a queued pod is Marathon's QueuePod: the pod under "pod"
    JsonObject item = app != null && app.isPod() ? new JsonObject().put("pod", AppJson.writePod(app))
      : new JsonObject().put("app", app == null ? new JsonObject().put("id", entry.appId().toString())
        : AppJson.writeApp(app));
    item.put("count", entry.count())
      .put("role", app == null || app.role() == null ? Roles.DEFAULT : app.role())
      .put("delay", new JsonObject().put("timeLeftSeconds", entry.delay().timeLeftSeconds(now)).put("overdue", !delayed))
      .put("since", iso(entry.sinceMs()))
      .put("processedOffersSummary", new JsonObject(entry.offers().toMap()));
    if (withUnusedOffers) {
      item.put("lastUnusedOffers", new JsonArray(entry.offers().lastUnusedOffers().stream()
        .map(u -> new JsonObject()
          .put("offer", new JsonObject().put("id", u.rejection().offerId()).put("hostname", u.rejection().hostname())
            .put("agentId", u.rejection().agentId()).put("resources", new JsonArray()).put("attributes", new JsonArray()))
          .put("reason", new JsonArray(u.rejection().reasons().stream().map(Enum::name).toList()))
          .put("timestamp", iso(u.atMs())))
        .toList()));
    }
    if (withMessage) {
      item.getJsonObject("delay").put("currentDelaySeconds", entry.delay().currentDelaySeconds())
        .put("failures", entry.delay().failures());
      item.put("message", delayed
        ? "waiting out the launch backoff after " + entry.delay().failures() + " failure(s): "
          + entry.delay().timeLeftSeconds(now) + " s left (delay " + entry.delay().currentDelaySeconds() + " s)"
        : entry.offers().processedOffersCount() == 0 ? "waiting for offers" : entry.offers().explanation());
    }
    return item;
  }
}
