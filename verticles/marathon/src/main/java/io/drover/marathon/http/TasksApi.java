package io.drover.marathon.http;

import io.drover.marathon.core.Instance;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@code /v2/tasks}: every task (JSON or Marathon's text form for load balancers) and bulk kills. */
final class TasksApi {

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;

  TasksApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes) {
    this.reads = reads;
    this.changes = changes;
  }

  void mount(Router router) {
    router.get("/v2/tasks").handler(this::handleList);
    router.post("/v2/tasks/delete").handler(this::handleDelete);
  }

  private void handleList(RoutingContext ctx) {
    List<String> states = new ArrayList<>();
    ctx.queryParam("status").forEach(s -> states.add("TASK_" + s.toUpperCase(Locale.ROOT)));
    List<Instance> tasks = reads.get().allTasks().stream()
      .filter(t -> states.isEmpty() || states.contains(t.state().name()))
      .toList();
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/plain") && !accept.contains("application/json")) {
      ctx.response().putHeader("Content-Type", "text/plain").end(text(tasks));
      return;
    }
    ctx.json(new JsonObject().put("tasks", MarathonJson.tasks(tasks, true)));
  }

  /** One line per app and service port: the app, the port, then every task's host:port. */
  private String text(Collection<Instance> tasks) {
    Map<String, List<Instance>> byApp = new TreeMap<>();
    tasks.forEach(t -> byApp.computeIfAbsent(t.appId().safeName(), k -> new ArrayList<>()).add(t));
    StringBuilder out = new StringBuilder();
    byApp.forEach((app, list) -> {
      List<Integer> servicePorts = list.get(0).servicePorts();
      for (int i = 0; i < servicePorts.size(); i++) {
        out.append(app).append('\t').append(servicePorts.get(i));
        for (Instance t : list) {
          if (i < t.ports().size()) {
            out.append('\t').append(t.host()).append(':').append(t.ports().get(i));
          }
        }
        out.append('\n');
      }
    });
    return out.toString();
  }

  private void handleDelete(RoutingContext ctx) {
    JsonObject body = Requests.object(ctx);
    JsonArray ids = body.getJsonArray("ids");
    if (ids == null) {
      throw ApiException.of(422, "the body needs \"ids\": a list of task ids");
    }
    // an instance once, however many of its ids are named (a pod instance has one per container)
    Set<Instance> named = new LinkedHashSet<>();
    for (Object id : ids) {
      reads.get().task(String.valueOf(id)).ifPresent(named::add);
    }
    List<Instance> tasks = List.copyOf(named);
    if (Requests.flag(ctx, "scale", false)) {
      AppsApi.respond(ctx, changes.get().killAndScale(tasks, Requests.flag(ctx, "force", false)), 200);
      return;
    }
    changes.get().kill(tasks, Requests.flag(ctx, "wipe", false));
    ctx.json(new JsonObject().put("tasks", MarathonJson.tasks(tasks, false)));
  }
}
