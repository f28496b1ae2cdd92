package io.drover.marathon.http;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.Instance;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.events.EventStream;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /v2/pods}: Marathon's pods (pods.raml): create, replace (and so scale), delete, their
 * status, versions and instances. A pod is deployed, placed and scaled as an app is; its instances
 * run as task groups.
 */
final class PodsApi {

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;
  private final EventStream events;

  PodsApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes, EventStream events) {
    this.reads = reads;
    this.changes = changes;
    this.events = events;
  }

  void mount(Router router) {
    // clients ask HEAD /v2/pods whether this Marathon has pods
    router.head("/v2/pods").handler(ctx -> ctx.response().end());
    router.get("/v2/pods").handler(ctx -> ctx.json(new JsonArray(reads.get().pods().stream()
      .map(AppJson::writePod).toList())));
    router.post("/v2/pods").handler(this::handleCreate);
    // a regex: ':' starts a path parameter in a plain route
    router.routeWithRegex(HttpMethod.GET, "/v2/pods/::status").handler(ctx -> ctx.json(new JsonArray(reads.get().pods().stream()
      .map(pod -> status(reads.get(), pod)).toList())));
    // the most specific paths first: a pod id may itself contain slashes
    router.routeWithRegex(HttpMethod.GET, "/v2/pods/(.+)::status").handler(ctx ->
      ctx.json(status(reads.get(), reads.get().existingPod(id(ctx)))));
    router.routeWithRegex(HttpMethod.GET, "/v2/pods/(.+)::versions/([^/]+)").handler(this::handleVersion);
    router.routeWithRegex(HttpMethod.GET, "/v2/pods/(.+)::versions").handler(this::handleVersions);
    router.routeWithRegex(HttpMethod.DELETE, "/v2/pods/(.+)::instances/([^/]+)").handler(ctx ->
      kill(ctx, List.of(ctx.pathParam("param1")), true));
    router.routeWithRegex(HttpMethod.DELETE, "/v2/pods/(.+)::instances").handler(this::handleKillInstances);
    router.routeWithRegex(HttpMethod.GET, "/v2/pods/(.+)").handler(ctx ->
      ctx.json(AppJson.writePod(reads.get().existingPod(id(ctx)))));
    router.routeWithRegex(HttpMethod.PUT, "/v2/pods/(.+)").handler(this::handleUpdate);
    router.routeWithRegex(HttpMethod.DELETE, "/v2/pods/(.+)").handler(this::handleDelete);
  }

  private static PathId id(RoutingContext ctx) {
    return Requests.appId(ctx.pathParam("param0"));
  }

  private static JsonObject status(MarathonReads marathon, AppDefinition pod) {
    return PodStatusJson.status(pod, marathon.tasks(pod.id()), marathon.now());
  }

  private void handleCreate(RoutingContext ctx) {
    AppDefinition pod = AppJson.readPod(Requests.object(ctx), PathId.ROOT);
    changes.get().createApp(pod, Requests.flag(ctx, "force", false)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      AppDefinition created = result.result().app(pod.id()).orElseThrow();
      published(ctx, "pod_created_event");
      ctx.response().setStatusCode(201).putHeader("Location", "/v2/pods" + created.id())
        .putHeader(AppsApi.DEPLOYMENT_HEADER, result.result().plan().id());
      ctx.json(AppJson.writePod(created));
    });
  }

  /** PUT replaces the pod (a new instance count alone is a scale), or creates it. */
  private void handleUpdate(RoutingContext ctx) {
    PathId id = id(ctx);
    JsonObject body = Requests.object(ctx);
    if (body.getValue("id") instanceof String given && !PathId.parse(given, PathId.ROOT).equals(id)) {
      throw ApiException.invalid("/id", "must be the pod's id in the path, " + id);
    }
    AppDefinition pod = AppJson.readPod(body.copy().put("id", id.toString()), PathId.ROOT);
    changes.get().updateApps(Map.of(id, current -> pod), Requests.flag(ctx, "force", false)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      boolean created = result.result().created(id);
      published(ctx, created ? "pod_created_event" : "pod_updated_event");
      ctx.response().setStatusCode(created ? 201 : 200)
        .putHeader(AppsApi.DEPLOYMENT_HEADER, result.result().plan().id());
      if (created) {
        ctx.response().putHeader("Location", "/v2/pods" + id);
      }
      ctx.json(AppJson.writePod(result.result().app(id).orElse(pod)));
    });
  }

  /** DELETE answers 202 with the deployment in its header and no body, as Marathon's. */
  private void handleDelete(RoutingContext ctx) {
    PathId id = id(ctx);
    changes.get().deletePod(id, Requests.flag(ctx, "force", false)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      published(ctx, "pod_deleted_event");
      ctx.response().setStatusCode(202).putHeader(AppsApi.DEPLOYMENT_HEADER, result.result().plan().id()).end();
    });
  }

  private void handleVersions(RoutingContext ctx) {
    List<String> versions = new ArrayList<>(reads.get().podVersions(id(ctx)).stream()
      .map(AppDefinition::version).toList());
    Collections.reverse(versions);
    ctx.json(new JsonArray(versions));
  }

  private void handleVersion(RoutingContext ctx) {
    PathId id = id(ctx);
    String version = ctx.pathParam("param1");
    ctx.json(AppJson.writePod(reads.get().podVersions(id).stream().filter(v -> v.version().equals(version))
      .findFirst().orElseThrow(() -> ApiException.notFound("Pod '" + id + "' has no version " + version))));
  }

  private void handleKillInstances(RoutingContext ctx) {
    JsonArray body = Requests.array(ctx);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      if (!(body.getValue(i) instanceof String instanceId)) {
        throw ApiException.invalid("/(" + i + ")", "must be an instance id");
      }
      ids.add(instanceId);
    }
    kill(ctx, ids, false);
  }

  /** Kills instances of the pod (the scheduler replaces them); {@code wipe} forgets them at once. */
  private void kill(RoutingContext ctx, List<String> instanceIds, boolean single) {
    PathId id = id(ctx);
    AppDefinition pod = reads.get().existingPod(id);
    List<Instance> instances = new ArrayList<>();
    for (String instanceId : instanceIds) {
      instances.add(reads.get().task(instanceId).filter(i -> i.appId().equals(id) && i.taskId().equals(instanceId))
        .orElseThrow(() -> ApiException.notFound("Instance '" + instanceId + "' of pod '" + id + "' does not exist")));
    }
    List<JsonObject> killed = changes.get().kill(instances, Requests.flag(ctx, "wipe", false)).stream()
      .map(i -> PodStatusJson.killed(pod, i)).toList();
    ctx.json(single ? killed.get(0) : new JsonArray(killed));
  }

  private void published(RoutingContext ctx, String eventType) {
    events.publish(eventType, new JsonObject()
      .put("clientIp", ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host())
      .put("uri", ctx.request().path()));
  }
}
