package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.Instance;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.deploy.DeploymentJson;
import io.drover.marathon.events.EventStream;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /v2/apps}: list, create, update, delete and restart apps, their tasks and versions. */
final class AppsApi {

  /** The header Marathon names the deployment of a change in. */
  static final String DEPLOYMENT_HEADER = "Marathon-Deployment-Id";
  /** {@code /v2/apps/{group}/*}/tasks}: the tasks of every app in the group. */
  private static final Pattern GROUP_TASKS = Pattern.compile(".*/v2/apps/(.*/)?\\*/tasks");

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;
  private final EventStream events;

  AppsApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes, EventStream events) {
    this.reads = reads;
    this.changes = changes;
    this.events = events;
  }

  void mount(Router router) {
    // the router resolves '//' and '..' in paths; an app id must not rely on that, so look at the raw path
    router.route("/v2/apps/*").handler(ctx -> {
      String raw = ctx.request().path();
      int start = raw.indexOf("/v2/apps/");
      if (start >= 0 && raw.length() > start + "/v2/apps/".length() && !GROUP_TASKS.matcher(raw).matches()) {
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
    // counts and deployments come with every app of the list, as in Marathon
    Set<AppEmbed> embed = AppEmbed.resolve(ctx.queryParam("embed"));
    embed.addAll(List.of(AppEmbed.COUNTS, AppEmbed.DEPLOYMENTS));
    String cmd = Requests.param(ctx, "cmd");
    String id = Requests.param(ctx, "id");
    String label = Requests.param(ctx, "label");
    JsonArray apps = new JsonArray();
    MarathonReads marathon = reads.get();
    for (AppDefinition app : marathon.apps()) {
      if (cmd != null && (app.cmd() == null || !app.cmd().contains(cmd))
        || id != null && !app.id().toString().contains(id)
        || label != null && !LabelSelector.parse(label).matches(app.labels())) {
        continue;
      }
      apps.add(MarathonJson.app(marathon, app, embed));
    }
    ctx.json(new JsonObject().put("apps", apps));
  }

  private void handleGet(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    AppDefinition app = reads.get().existingApp(id);
    Set<AppEmbed> embed = AppEmbed.resolve(ctx.queryParam("embed"));
    embed.addAll(List.of(AppEmbed.COUNTS, AppEmbed.TASKS, AppEmbed.LAST_TASK_FAILURE, AppEmbed.DEPLOYMENTS));
    ctx.json(new JsonObject().put("app", MarathonJson.app(reads.get(), app, embed)));
  }

  private void handleCreate(RoutingContext ctx) {
    JsonObject body = Requests.object(ctx);
    AppDefinition app = AppJson.readApp(body, PathId.ROOT);
    MarathonReads marathon = reads.get();
    changes.get().createApp(app, Requests.flag(ctx, "force", false)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      AppDefinition created = result.result().app(app.id()).orElseThrow();
      posted(ctx, created);
      ctx.response().setStatusCode(201).putHeader("Location", "/v2/apps" + created.id())
        .putHeader(DEPLOYMENT_HEADER, result.result().plan().id());
      ctx.json(MarathonJson.app(marathon, created, EnumSet.of(AppEmbed.COUNTS, AppEmbed.DEPLOYMENTS)));
    });
  }

  private void handleUpdate(RoutingContext ctx, boolean partial) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    JsonObject body = Requests.object(ctx);
    changes.get().updateApps(Map.of(id, update(id, body, partial)), Requests.flag(ctx, "force", false))
      .onComplete(result -> {
        if (result.failed()) {
          ctx.fail(result.cause());
          return;
        }
        AppChanges.Change change = result.result();
        boolean created = change.created(id);
        change.app(id).ifPresent(app -> posted(ctx, app));
        if (created) {
          ctx.response().putHeader("Location", "/v2/apps" + id);
        }
        ctx.response().setStatusCode(created ? 201 : 200).putHeader(DEPLOYMENT_HEADER, change.plan().id());
        ctx.json(DeploymentJson.result(change.plan()));
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
      updates.put(id, update(id, item, true));
    }
    respond(ctx, changes.get().updateApps(updates, Requests.flag(ctx, "force", false)), 200);
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
      return current -> reads.get().versions(id).stream().filter(v -> v.version().equals(version)).findFirst()
        .orElseThrow(() -> ApiException.notFound("App '" + id + "' has no version " + version));
    }
    JsonObject withId = body.copy().put("id", id.toString());
    return current -> {
      if (current != null && current.isPod() && partial) {
        throw ApiException.notFound("App '" + id + "' does not exist"); // there is nothing of an app to patch
      }
      return current == null || !partial ? AppJson.readApp(withId, PathId.ROOT) : AppJson.updateApp(current, withId);
    };
  }

  private void handleDelete(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    // Marathon 1.11 deletes an app over its running deployment unless told force=false (its code's
    // default, though its RAML documents false)
    respond(ctx, changes.get().deleteApp(id, Requests.flag(ctx, "force", true)), 200);
  }

  private void handleRestart(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    respond(ctx, changes.get().restartApp(id, Requests.flag(ctx, "force", false)), 200);
  }

  /** The tasks of an app, or with {@code /v2/apps/{group}/*}/tasks of every app in a group, as Marathon's. */
  private void handleTasks(RoutingContext ctx) {
    String param = ctx.pathParam("param0");
    MarathonReads marathon = reads.get();
    if (param.equals("*") || param.endsWith("/*")) {
      PathId group = PathId.parse(param.substring(0, param.length() - 1));
      if (!marathon.groupExists(group)) {
        throw ApiException.notFound("Group '" + group + "' does not exist");
      }
      List<Instance> tasks = marathon.apps().stream().filter(a -> group.includes(a.id()))
        .flatMap(a -> marathon.tasks(a.id()).stream()).toList();
      ctx.json(new JsonObject().put("tasks", MarathonJson.tasks(tasks, true)));
      return;
    }
    PathId id = Requests.appId(param);
    marathon.existingApp(id);
    ctx.json(new JsonObject().put("tasks", MarathonJson.tasks(marathon.tasks(id), true)));
  }

  private void handleKillTasks(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    reads.get().existingApp(id);
    String host = Requests.param(ctx, "host");
    // Marathon takes host=* for every host
    List<Instance> tasks = reads.get().tasks(id).stream()
      .filter(t -> host == null || host.equals("*") || host.equals(t.host())).toList();
    kill(ctx, tasks, false);
  }

  private void handleKillTask(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    reads.get().existingApp(id);
    String taskId = ctx.pathParam("param1");
    Instance task = reads.get().task(taskId).filter(t -> t.appId().equals(id))
      .orElseThrow(() -> ApiException.notFound("Task '" + taskId + "' does not exist"));
    kill(ctx, List.of(task), true);
  }

  private void kill(RoutingContext ctx, List<Instance> tasks, boolean single) {
    if (Requests.flag(ctx, "scale", false)) {
      respond(ctx, changes.get().killAndScale(tasks, Requests.flag(ctx, "force", false)), 200);
      return;
    }
    List<JsonObject> killed = changes.get().kill(tasks, Requests.flag(ctx, "wipe", false)).stream()
      .map(t -> MarathonJson.task(t, false)).toList();
    ctx.json(single ? new JsonObject().put("task", killed.get(0)) : new JsonObject().put("tasks", new JsonArray(killed)));
  }

  private void handleVersions(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    List<String> versions = new java.util.ArrayList<>(reads.get().versions(id).stream().map(AppDefinition::version).toList());
    java.util.Collections.reverse(versions);
    ctx.json(new JsonObject().put("versions", new JsonArray(versions)));
  }

  private void handleVersion(RoutingContext ctx) {
    PathId id = Requests.appId(ctx.pathParam("param0"));
    String version = ctx.pathParam("param1");
    AppDefinition app = reads.get().versions(id).stream().filter(v -> v.version().equals(version)).findFirst()
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
  static void respond(RoutingContext ctx, Future<AppChanges.Change> change, int status) {
    change.onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ctx.response().setStatusCode(status).putHeader(DEPLOYMENT_HEADER, result.result().plan().id());
      ctx.json(DeploymentJson.result(result.result().plan()));
    });
  }

}
