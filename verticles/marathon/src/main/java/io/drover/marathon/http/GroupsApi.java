package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.GroupDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.deploy.DeploymentJson;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code /v2/groups}: the tree of groups and apps; create, replace and delete whole groups. */
final class GroupsApi {

  private static final String EMBED_APPS = "group.apps";
  private static final String EMBED_GROUPS = "group.groups";
  private static final String EMBED_PODS = "group.pods";

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;

  GroupsApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes) {
    this.reads = reads;
    this.changes = changes;
  }

  void mount(Router router) {
    router.get("/v2/groups").handler(ctx -> handleGet(ctx, PathId.ROOT));
    router.get("/v2/groups/versions").handler(ctx -> handleVersions(ctx, PathId.ROOT));
    router.routeWithRegex(HttpMethod.GET, "/v2/groups/(.+)/versions").handler(ctx ->
      handleVersions(ctx, PathId.parse(ctx.pathParam("param0"))));
    router.routeWithRegex(HttpMethod.GET, "/v2/groups/(.+)").handler(ctx ->
      handleGet(ctx, PathId.parse(ctx.pathParam("param0"))));
    router.post("/v2/groups").handler(ctx -> handlePut(ctx, PathId.ROOT, true));
    router.routeWithRegex(HttpMethod.POST, "/v2/groups/(.+)").handler(ctx ->
      handlePut(ctx, PathId.parse(ctx.pathParam("param0")), true));
    router.put("/v2/groups").handler(ctx -> handlePut(ctx, PathId.ROOT, false));
    router.routeWithRegex(HttpMethod.PUT, "/v2/groups/(.+)").handler(ctx ->
      handlePut(ctx, PathId.parse(ctx.pathParam("param0")), false));
    router.routeWithRegex(HttpMethod.DELETE, "/v2/groups/(.+)").handler(this::handleDelete);
  }

  private void handleGet(RoutingContext ctx, PathId id) {
    if (!reads.get().groupExists(id)) {
      throw ApiException.notFound("Group '" + id + "' does not exist");
    }
    // Marathon embeds apps, pods and subgroups when nothing is asked; "group.apps.*" are the apps' own embeds
    List<String> asked = ctx.queryParam("embed").stream().flatMap(e -> Arrays.stream(e.split(",")))
      .map(String::trim).filter(e -> !e.isEmpty()).toList();
    Set<String> embeds = asked.isEmpty() ? Set.of(EMBED_APPS, EMBED_GROUPS, EMBED_PODS) : Set.copyOf(asked);
    Set<AppEmbed> appEmbeds = AppEmbed.resolve(embeds.stream().filter(e -> e.startsWith("group.apps.")).toList());
    ctx.json(tree(id, embeds, appEmbeds));
  }

  private void handlePut(RoutingContext ctx, PathId base, boolean create) {
    JsonObject body = Requests.object(ctx);
    if (body.containsKey("scaleBy") && Set.of("id", "scaleBy").containsAll(body.fieldNames())) {
      scale(ctx, body.getString("id") == null ? base : PathId.parse(body.getString("id"), base), body.getValue("scaleBy"));
      return;
    }
    if (body.containsKey("version") && Set.of("id", "version").containsAll(body.fieldNames())) {
      if (!(body.getValue("version") instanceof String version)) {
        throw ApiException.invalid("/version", "must be a version, such as 2026-01-01T00:00:00.000Z");
      }
      PathId group = body.getString("id") == null ? base : PathId.parse(body.getString("id"), base);
      if (!reads.get().groupVersions(group).contains(version)) {
        // Marathon's words and status for a version it does not have
        throw ApiException.of(422, "Group " + group + " not available in version " + version);
      }
      AppsApi.respond(ctx, changes.get().rollBackGroup(group, version, Requests.flag(ctx, "force", false)), 200);
      return;
    }
    GroupDefinition group = AppJson.readGroup(body, base);
    boolean dryRun = Requests.flag(ctx, "dryRun", false);
    boolean replace = body.containsKey("apps") || body.containsKey("groups");
    changes.get().putGroup(group, create, replace, Requests.flag(ctx, "force", false), dryRun).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (dryRun) {
        ctx.json(new JsonObject().put("steps", DeploymentJson.toJson(result.result().plan(), 0).getJsonArray("steps")));
      } else {
        ctx.response().setStatusCode(create ? 201 : 200);
        ctx.json(DeploymentJson.result(result.result().plan()));
      }
    });
  }

  /** {@code {"scaleBy": n}}: every app in the group, however deep, to {@code ceil(instances × n)}, as Marathon. */
  private void scale(RoutingContext ctx, PathId group, Object scaleBy) {
    if (!(scaleBy instanceof Number factor) || factor.doubleValue() < 0 || !Double.isFinite(factor.doubleValue())) {
      throw ApiException.invalid("/scaleBy", "must be a number, 0 or more");
    }
    if (!reads.get().groupExists(group)) {
      throw ApiException.notFound("Group '" + group + "' does not exist");
    }
    Map<PathId, Function<AppDefinition, AppDefinition>> updates = new LinkedHashMap<>();
    reads.get().apps().stream().filter(app -> group.includes(app.id())).forEach(app -> updates.put(app.id(),
      current -> {
        if (current == null) {
          throw ApiException.notFound("App '" + app.id() + "' does not exist");
        }
        return current.withInstances((int) Math.ceil(current.instances() * factor.doubleValue()));
      }));
    AppsApi.respond(ctx, changes.get().updateApps(updates, Requests.flag(ctx, "force", false)), 200);
  }

  /** GET /v2/groups/{id}/versions: a bare array of versions, newest first, as Marathon's. */
  private void handleVersions(RoutingContext ctx, PathId group) {
    ctx.json(new JsonArray(reads.get().groupVersions(group)));
  }

  private void handleDelete(RoutingContext ctx) {
    PathId id = PathId.parse(ctx.pathParam("param0"));
    AppsApi.respond(ctx, changes.get().deleteGroup(id, Requests.flag(ctx, "force", false)), 200);
  }

  /** The group as Marathon shows it: its apps, its subgroups (recursively) and dependencies. */
  private JsonObject tree(PathId id, Set<String> embeds, Set<AppEmbed> appEmbeds) {
    JsonArray apps = new JsonArray();
    JsonArray pods = new JsonArray();
    Set<PathId> children = new TreeSet<>();
    String version = null;
    for (AppDefinition app : reads.get().appsAndPods()) {
      if (app.id().parent().equals(id)) {
        if (app.isPod()) {
          pods.add(PodStatusJson.status(app, reads.get().tasks(app.id()), reads.get().now()));
        } else {
          apps.add(MarathonJson.app(reads.get(), app, appEmbeds));
        }
      } else if (id.includes(app.id())) {
        children.add(childOf(id, app.id()));
      }
      if (id.includes(app.id()) && (version == null || app.version().compareTo(version) > 0)) {
        version = app.version();
      }
    }
    for (PathId group : reads.get().explicitGroups()) {
      if (id.includes(group) && !id.equals(group)) {
        children.add(childOf(id, group));
      }
    }
    JsonArray groups = new JsonArray();
    children.forEach(child -> groups.add(tree(child, embeds, appEmbeds)));
    JsonObject json = new JsonObject().put("id", id.toString());
    if (embeds.contains(EMBED_APPS)) {
      json.put("apps", apps);
    }
    if (embeds.contains(EMBED_GROUPS)) {
      json.put("groups", groups);
    }
    if (embeds.contains(EMBED_PODS)) {
      json.put("pods", pods);
    }
    return json
      .put("dependencies", new JsonArray(reads.get().groupDependencies(id).stream().map(PathId::toString).toList()))
      .put("version", version)
      .put("enforceRole", reads.get().enforcesRole(id));
  }

  private static PathId childOf(PathId parent, PathId descendant) {
    return new PathId(descendant.segments().subList(0, parent.segments().size() + 1));
  }
}
