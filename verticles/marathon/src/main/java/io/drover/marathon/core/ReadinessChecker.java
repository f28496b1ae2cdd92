package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.ReadinessCheck;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Marathon's readiness checks: a running task of an app with {@code readinessChecks} is asked over
 * HTTP, every {@code intervalSeconds}, until it answers with one of
 * {@code httpStatusCodesForReady}. Until then a deployment does not count it as ready, so a rolling
 * upgrade waits for it before it kills the next old task.
 */
final class ReadinessChecker {

  private final HttpClient client;
  private final Runnable changed;

  ReadinessChecker(HttpClient client, Runnable changed) {
    this.client = client;
    this.changed = changed;
  }

  /** Starts a check for every running task of {@code app} that is not ready and not being asked. */
  void poll(AppDefinition app, List<Instance> instances, long now) {
    if (app.readinessChecks().isEmpty()) {
      return;
    }
    ReadinessCheck check = app.readinessChecks().get(0);
    for (Instance instance : instances) {
      if (!instance.isRunning() || instance.ready || instance.readinessInFlight
        || now - instance.lastReadinessCheckMs < check.intervalSeconds() * 1000L) {
        continue;
      }
      CheckEndpoint endpoint = CheckEndpoint.named(app, instance, check.portName());
      if (endpoint == null) {
        continue;
      }
      instance.readinessInFlight = true;
      instance.lastReadinessCheckMs = now;
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(endpoint.host())
        .setPort(endpoint.port())
        .setURI(check.path() == null ? "/" : check.path()).setTimeout(check.timeoutSeconds() * 1000L);
      client.request(request).compose(r -> r.send()).compose(response -> response.body().map(body -> {
        instance.readinessResult = new JsonObject().put("name", check.name()).put("taskId", instance.taskId)
          .put("ready", check.httpStatusCodesForReady().contains(response.statusCode()))
          .put("lastResponse", new JsonObject().put("status", response.statusCode())
            .put("contentType", response.getHeader("Content-Type"))
            .put("body", check.preserveLastResponse() ? body.toString() : ""));
        return check.httpStatusCodesForReady().contains(response.statusCode());
      })).onComplete(result -> {
        instance.readinessInFlight = false;
        if (result.succeeded() && result.result()) {
          instance.ready = true;
          changed.run();
        }
      });
    }
  }

  /** The results for a deployment's current action on this app. */
  static JsonArray results(List<Instance> instances) {
    JsonArray results = new JsonArray();
    instances.stream().filter(i -> i.readinessResult != null).forEach(i -> results.add(i.readinessResult));
    return results;
  }
}
