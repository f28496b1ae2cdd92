package io.drover.master.http;

import io.drover.common.http.HttpErrors;
import io.drover.master.view.MasterView;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The master's read endpoints under the paths Mesos 1.11 serves them, rendered from a view of the
 * master: {@code /master/state} (and its older names), {@code /master/state-summary},
 * {@code /master/slaves}, {@code /master/frameworks}, {@code /master/tasks}, {@code /version},
 * {@code /flags} and {@code /metrics/snapshot}.
 */
final class MesosReadEndpoints {

  private final Supplier<MasterView> view;

  private MesosReadEndpoints(Supplier<MasterView> view) {
    this.view = view;
  }

  /** Adds the read endpoints to {@code router}. */
  static void mount(Router router, Supplier<MasterView> view) {
    MesosReadEndpoints endpoints = new MesosReadEndpoints(view);
    for (String path : new String[] {"/master/state", "/master/state.json", "/state", "/state.json"}) {
      router.get(path).handler(endpoints.rendering(StateJson::state));
    }
    router.get("/master/state-summary").handler(endpoints.rendering(StateJson::stateSummary));
    router.get("/master/slaves").handler(endpoints.rendering(StateJson::slaves));
    router.get("/master/frameworks").handler(endpoints.rendering(StateJson::frameworks));
    router.get("/master/tasks").handler(endpoints::handleTasks);
    router.get("/version").handler(ctx -> json(ctx, StateJson.version()));
    router.get("/flags").handler(endpoints.rendering(StateJson::flags));
    router.get("/metrics/snapshot").handler(endpoints.rendering(MetricsSnapshot::of));
  }

  private Handler<RoutingContext> rendering(Function<MasterView, JsonObject> renderer) {
    return ctx -> json(ctx, renderer.apply(view.get()));
  }

  private void handleTasks(RoutingContext ctx) {
    Map<String, String> query = new HashMap<>();
    ctx.queryParams().forEach(query::putIfAbsent);
    TaskPage page;
    try {
      page = TaskPage.from(query);
    } catch (IllegalArgumentException bad) {
      HttpErrors.end(ctx, 400, bad.getMessage());
      return;
    }
    json(ctx, StateJson.tasks(view.get(), page));
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
