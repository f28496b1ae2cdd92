package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.core.Instance;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Marathon's task counts and its {@code TaskStatsByVersion}: counts and life times of all of an
 * app's tasks, of those started after its last scaling, and of those of its latest and of older
 * configurations. A group with no tasks is left out, as Marathon leaves it out.
 */
final class TaskStatsJson {

  record Counts(long staged, long running, long healthy, long unhealthy) {
  }

  private TaskStatsJson() {
  }

  /** Staged and running tasks; healthy and unhealthy ones only when the app has health checks. */
  static Counts count(AppDefinition app, List<Instance> tasks) {
    boolean checks = !app.healthChecks().isEmpty();
    return new Counts(
      tasks.stream().filter(i -> !i.isRunning()).count(),
      tasks.stream().filter(Instance::isRunning).count(),
      checks ? tasks.stream().filter(i -> Boolean.TRUE.equals(i.healthy())).count() : 0,
      checks ? tasks.stream().filter(i -> Boolean.FALSE.equals(i.healthy())).count() : 0);
  }

  static JsonObject byVersion(AppDefinition app, List<Instance> tasks, long nowMs) {
    JsonObject json = new JsonObject();
    put(json, "totalSummary", app, tasks, nowMs, task -> true);
    if (app.versionInfo() != null) {
      Instant lastScaling = Instant.parse(app.versionInfo().lastScalingAt());
      Instant lastConfigChange = Instant.parse(app.versionInfo().lastConfigChangeAt());
      put(json, "startedAfterLastScaling", app, tasks, nowMs, t -> !version(t).isBefore(lastScaling));
      put(json, "withLatestConfig", app, tasks, nowMs, t -> !version(t).isBefore(lastConfigChange));
      put(json, "withOutdatedConfig", app, tasks, nowMs, t -> version(t).isBefore(lastConfigChange));
    }
    return json;
  }

  private static Instant version(Instance task) {
    return Instant.parse(task.version());
  }

  private static void put(JsonObject json, String name, AppDefinition app, List<Instance> all, long nowMs,
                          Predicate<Instance> which) {
    List<Instance> tasks = all.stream().filter(which).toList();
    if (tasks.isEmpty()) {
      return;
    }
    Counts counts = count(app, tasks);
    JsonObject stats = new JsonObject().put("counts", new JsonObject()
      .put("staged", counts.staged()).put("running", counts.running())
      .put("healthy", counts.healthy()).put("unhealthy", counts.unhealthy()));
    // life times count from when a task started running, as Marathon's
    List<Double> lifeTimes = tasks.stream().filter(t -> t.startedAtMs() != null)
      .map(t -> (nowMs - t.startedAtMs()) / 1000.0).sorted().toList();
    if (!lifeTimes.isEmpty()) {
      stats.put("lifeTime", new JsonObject()
        .put("averageSeconds", lifeTimes.stream().mapToDouble(Double::doubleValue).sum() / lifeTimes.size())
        .put("medianSeconds", lifeTimes.get(lifeTimes.size() / 2)));
    }
    json.put(name, new JsonObject().put("stats", stats));
  }
}
