package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.marathon.core.ApiException;
import io.drover.marathon.core.Instance;
import io.drover.marathon.core.MarathonService;
import io.drover.marathon.deploy.DeploymentJson;
import io.drover.marathon.deploy.DeploymentPlan;
import io.drover.marathon.events.EventStream;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code /v2/apps}: list, create, update, delete and restart apps, their tasks and versions. */
final class AppsApi {

  private final Supplier<MarathonService> service;
  private final EventStream events;

  AppsApi(Supplier<MarathonService> service, EventStream events) {
    this.service = service;
    this.events = events;
  }

  void mount(Router router) {
    // the router resolves '//' and '..' in paths; an app id must not rely on that, so look at the raw path
    router.route("/v2/apps/*").handler(ctx -> {
      String raw = ctx.request().path();
      int start = raw.indexOf("/v2/apps/");
      if (start >= 0 && raw.length() > start + "/v2/apps/".length()) {
        Requests.appId(raw.substring(start + "/v2/apps/".length()));
      }
      ctx.next();
    });
    // the most specific paths first: an app id may itself contain slashes
    router.routeWithRegex(HttpMethod.DELETE, "/v2/apps/(.+)/tasks/([^/]+)").handler(this::handleKillTask);
    router.routeWithRegex(HttpMethod.GET, "/v2/apps/(.+)/tasks").handler(this::handleTasks);
    router.routeWithRegex(HttpMethod.DELETE, "/v2/apps/(.+)/tasks").handler(this::handleKillTasks);
    router.routeWithRegex(HttpMethod.GET, "/v2/apps/(.+)/versions/([^/]+)").handler(this::handleVersion);
    router.routeWithRegex(HttpMethod.GET, "/v2/apps/(.+)/versions").handler(this::handleVersions);
    router.routeWithRegex(HttpMethod.POST, "/v2/apps/(.+)/restart").handler(this::handleRestart);
    router.get("/v2/apps").handler(this::handleList);
    router.post("/v2/apps").handler(this::handleCreate);
    // bulk updates are partial, as Marathon's
    router.put("/v2/apps").handler(this::handleBulkUpdate);
    router.patch("/v2/apps").handler(this::handleBulkUpdate);
    router.routeWithRegex(HttpMethod.GET, "/v2/apps/(.+)").handler(this::handleGet);
    router.routeWithRegex(HttpMethod.PUT, "/v2/apps/(.+)").handler(ctx ->
      handleUpdate(ctx, Requests.flag(ctx, "partialUpdate", true)));
    router.routeWithRegex(HttpMethod.PATCH, "/v2/apps/(.+)").handler(ctx -> handleUpdate(ctx, true));
    router.routeWithRegex(HttpMethod.DELETE, "/v2/apps/(.+)").handler(this::handleDelete);
  }

  private void handleList(RoutingContext ctx) {
    Set<String> embed = embeds(ctx);
    String cmd = Requests.param(ctx, "cmd");
    String id = Requests.param(ctx, "id");
    String label = Requests.param(ctx, "label");
    JsonArray apps = new JsonArray();
    for (AppDefinition app : service.get().apps()) {
      if (cmd != null && (app.cmd() == null || !app.cmd().contains(cmd))
        || id != null && !app.id().toString().contains(id)
        || label != null && !LabelSelector.parse(label).matches(app.labels())) {
        continue;
      }
      apps.add(service.get().appJson(app, embed.contains("apps.tasks"), embed.contains("apps.lastTaskFailure")));
    }
    ctx.json(new JsonObject().put("apps", apps));
  }

  private void handleGet(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    AppDefinition app = service.get().existingApp(id);
    ctx.json(new JsonObject().put("app", service.get().appJson(app, true, true)));
  }

  private void handleCreate(RoutingContext ctx) {
    JsonObject body = Requests.object(ctx);
    AppDefinition app = AppJson.readApp(body, PathId.ROOT);
    MarathonService marathon = service.get();
    marathon.createApp(app, Requests.flag(ctx, "force", false)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      AppDefinition created = marathon.app(app.id()).orElse(null);
      if (created == null) {
        // deleted again before this answer went out
        ApiErrors.send(ctx, 409, new JsonObject().put("message", "App '" + app.id() + "' was removed meanwhile"));
        return;
      }
      posted(ctx, created);
      ctx.response().setStatusCode(201).putHeader("Location", "/v2/apps" + created.id());
      ctx.json(marathon.appJson(created, false, false));
    });
  }

  private void handleUpdate(RoutingContext ctx, boolean partial) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    JsonObject body = Requests.object(ctx);
    Function<AppDefinition, AppDefinition> update = update(id, body, partial);
    // reject a bad body before anything is queued, so it changes nothing
    update.apply(service.get().app(id).orElse(null));
    MarathonService marathon = service.get();
    marathon.updateApps(Map.of(id, update), Requests.flag(ctx, "force", false)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      DeploymentPlan plan = result.result();
      // created by this request (of several racing PUTs, only one creates)
      boolean created = plan.target().containsKey(id) && !plan.original().containsKey(id);
      marathon.app(id).ifPresent(app -> posted(ctx, app));
      if (created) {
        ctx.response().putHeader("Location", "/v2/apps" + id);
      }
      ctx.response().setStatusCode(created ? 201 : 200);
      ctx.json(DeploymentJson.result(plan));
    });
  }

  private void handleBulkUpdate(RoutingContext ctx) {
    JsonArray body = Requests.array(ctx);
    Map<PathId, Function<AppDefinition, AppDefinition>> updates = new LinkedHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      if (!(body.getValue(i) instanceof JsonObject item) || item.getString("id") == null) {
        throw ApiException.of(422, "every app of a bulk update needs an id (item " + i + ")");
      }
      PathId id = PathId.parse(item.getString("id"));
      Function<AppDefinition, AppDefinition> update = update(id, item, true);
      update.apply(service.get().app(id).orElse(null));
      updates.put(id, update);
    }
    respond(ctx, service.get().updateApps(updates, Requests.flag(ctx, "force", false)), 200, plan -> { });
  }

  /**
   * How a body changes an app: a partial update patches the current definition, a full one replaces
   * it, and a body naming only a {@code version} goes back to that stored version.
   */
  private Function<AppDefinition, AppDefinition> update(PathId id, JsonObject body, boolean partial) {
    Set<String> keys = new HashSet<>(body.fieldNames());
    keys.remove("id");
    if (keys.equals(Set.of("version"))) {
      String version = body.getString("version");
      return current -> service.get().versions(id).stream().filter(v -> v.version().equals(version)).findFirst()
        .orElseThrow(() -> ApiException.notFound("App '" + id + "' has no version " + version));
    }
    JsonObject withId = body.copy().put("id", id.toString());
    return current -> current == null || !partial ? AppJson.readApp(withId, PathId.ROOT)
      : AppJson.updateApp(current, withId);
  }

  private void handleDelete(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    respond(ctx, service.get().deleteApp(id, Requests.flag(ctx, "force", false)), 200, plan -> { });
  }

  private void handleRestart(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    respond(ctx, service.get().restartApp(id, Requests.flag(ctx, "force", false)), 200, plan -> { });
  }

  private void handleTasks(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    service.get().existingApp(id);
    ctx.json(new JsonObject().put("tasks", new JsonArray(service.get().tasks(id).stream()
      .map(t -> t.toJson(true)).toList())));
  }

  private void handleKillTasks(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    service.get().existingApp(id);
    String host = Requests.param(ctx, "host");
    List<Instance> tasks = service.get().tasks(id).stream().filter(t -> host == null || host.equals(t.host())).toList();
    kill(ctx, tasks, false);
  }

  private void handleKillTask(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    service.get().existingApp(id);
    String taskId = ctx.pathParam("param1");
    Instance task = service.get().task(taskId).filter(t -> t.appId().equals(id))
      .orElseThrow(() -> ApiException.notFound("Task '" + taskId + "' does not exist"));
    kill(ctx, List.of(task), true);
  }

  private void kill(RoutingContext ctx, List<Instance> tasks, boolean single) {
    if (Requests.flag(ctx, "scale", false)) {
      respond(ctx, service.get().killAndScale(tasks, Requests.flag(ctx, "force", false)), 200, plan -> { });
      return;
    }
    List<JsonObject> killed = service.get().kill(tasks, Requests.flag(ctx, "wipe", false)).stream()
      .map(t -> t.toJson(false)).toList();
    ctx.json(single ? new JsonObject().put("task", killed.get(0)) : new JsonObject().put("tasks", new JsonArray(killed)));
  }

  private void handleVersions(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    List<String> versions = new java.util.ArrayList<>(service.get().versions(id).stream().map(AppDefinition::version).toList());
    java.util.Collections.reverse(versions);
    ctx.json(new JsonObject().put("versions", new JsonArray(versions)));
  }

  private void handleVersion(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    String version = ctx.pathParam("param1");
    AppDefinition app = service.get().versions(id).stream().filter(v -> v.version().equals(version)).findFirst()
      .orElseThrow(() -> ApiException.notFound("App '" + id + "' has no version " + version));
    ctx.json(AppJson.writeApp(app));
  }

  private void posted(RoutingContext ctx, AppDefinition app) {
    events.publish("api_post_event", new JsonObject()
      .put("clientIp", ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host())
      .put("uri", ctx.request().path())
      .put("appDefinition", AppJson.writeApp(app)));
  }

  /** Answers a change with Marathon's {@code {version, deploymentId}}. */
  static void respond(RoutingContext ctx, Future<DeploymentPlan> change, int status,
                      java.util.function.Consumer<DeploymentPlan> then) {
    change.onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      try {
        then.accept(result.result());
      } catch (RuntimeException e) {
        // the answer matters more than the event: the change is done
      }
      ctx.response().setStatusCode(status);
      ctx.json(DeploymentJson.result(result.result()));
    });
  }

  private static Set<String> embeds(RoutingContext ctx) {
    Set<String> embed = new HashSet<>();
    ctx.queryParam("embed").forEach(e -> embed.addAll(Arrays.asList(e.split(","))));
    return embed;
  }
}
