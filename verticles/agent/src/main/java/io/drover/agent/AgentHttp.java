package io.drover.agent;

import io.drover.common.BuildInfo;
import io.drover.common.NodeMetrics;
import io.drover.common.http.HttpErrors;
import io.drover.common.http.HttpLimits;
import io.drover.common.security.Authenticator;
import io.drover.common.security.Credentials;
import io.drover.protocol.Json;
import io.drover.protocol.TaskInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.mesos.v1.Protos.ResourceStatistics;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent process's HTTP API on 5051: {@code /state} (Mesos's agent shape; with several hosted
 * agents, {@code ?agent_id=} picks one and the plain call lists all under {@code agents}),
 * {@code /metrics/snapshot} and {@code /monitor/statistics} (Mesos's; {@code ?agent_id=} picks one
 * hosted agent, else they cover the process), the files API, {@code /health}, and the v1 executor
 * API for frameworks' executors ({@link ExecutorApi}, authenticated by each executor's own token).
 */
final class AgentHttp {

  private final Vertx vertx;
  private final Supplier<NodeView> view;
  private final Function<TaskInfo, Future<Optional<ResourceStatistics>>> usage;
  private final Router router;

  /**
   * {@code view} takes a view of the process on its context; {@code usage} measures a task's
   * container (called on that context too).
   */
  AgentHttp(Vertx vertx, Supplier<NodeView> view, Function<TaskInfo, Future<Optional<ResourceStatistics>>> usage,
            Credentials credentials, ExecutorApi executors) {
    this.vertx = vertx;
    this.view = view;
    this.usage = usage;
    this.router = Router.router(vertx);
    executors.mount(router);
    router.route().handler(new Authenticator(credentials));
    router.get("/state").handler(this::handleState);
    router.get("/slave(1)/state").handler(this::handleState);
    router.get("/version").handler(ctx -> ctx.json(BuildInfo.CURRENT.toJson()));
    router.get("/metrics/snapshot").handler(this::handleMetrics);
    AgentGauges gauges = new AgentGauges(NodeMetrics.REGISTRY);
    router.get("/metrics").handler(ctx -> {
      NodeView node = view.get();
      gauges.refresh(AgentMetrics.of(node, node.agents(), System.currentTimeMillis()));
      ctx.next();
    });
    NodeMetrics.mount(router, "/metrics");
    router.get("/monitor/statistics").handler(this::handleStatistics);
    router.get("/monitor/statistics.json").handler(this::handleStatistics);
    SandboxFiles files = new SandboxFiles(vertx, () -> agents().stream().map(AgentView::sandboxes).toList());
    router.get("/files/browse").handler(files::handleBrowse);
    router.get("/files/read").handler(files::handleRead);
    router.get("/files/tail").handler(new SandboxTail(vertx, files, this::agents)::handle);
    TaskSandboxFiles sandbox = new TaskSandboxFiles(vertx, this::agents);
    router.get("/files/sandbox/browse").handler(sandbox::handleBrowse);
    router.get("/files/sandbox/read").handler(sandbox::handleRead);
    router.get("/files/sandbox/download").handler(sandbox::handleDownload);
    router.route().last().handler(ctx -> HttpErrors.end(ctx, 404, "no such endpoint: " + ctx.request().path()));
    router.route().failureHandler(HttpErrors::handleFailure);
  }

  Router router() {
    return router;
  }

  Future<Integer> listen(String host, int port) {
    return HttpLimits.listen(vertx, router, port, host).map(server -> server.actualPort());
  }

  private List<AgentView> agents() {
    return view.get().agents();
  }

  /** The agent {@code ?agent_id=} names, or all of the process's; null (and a 404 sent) when it names none here. */
  private static List<AgentView> selected(RoutingContext ctx, NodeView node) {
    String wanted = ctx.request().getParam("agent_id");
    if (wanted == null) {
      return node.agents();
    }
    List<AgentView> agent = node.agents().stream().filter(a -> a.id().equals(wanted)).toList();
    if (agent.isEmpty()) {
      HttpErrors.end(ctx, 404, "no agent " + wanted + " in this process");
      return null;
    }
    return agent;
  }

  private static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }

  private void handleMetrics(RoutingContext ctx) {
    NodeView node = view.get();
    List<AgentView> agents = selected(ctx, node);
    if (agents != null) {
      json(ctx, AgentMetrics.of(node, agents, System.currentTimeMillis()).encode());
    }
  }

  /** One entry per task whose container runs and can be measured, in the order of the agents' tasks. */
  private void handleStatistics(RoutingContext ctx) {
    List<AgentView> agents = selected(ctx, view.get());
    if (agents == null) {
      return;
    }
    List<TaskInfo> tasks = agents.stream().flatMap(a -> a.tasks().stream())
      .filter(t -> t.executing() && !t.state().isTerminal()).map(AgentView.TaskView::info).toList();
    List<Future<Optional<ResourceStatistics>>> measured = tasks.stream().map(usage).toList();
    Future.join(measured).onComplete(done -> {
      JsonArray entries = new JsonArray();
      for (int i = 0; i < tasks.size(); i++) {
        // a task that ended while it was measured is left out, as Mesos leaves out a destroyed container
        Future<Optional<ResourceStatistics>> one = measured.get(i);
        if (one.succeeded() && one.result().isPresent()) {
          entries.add(MonitorStatistics.entry(tasks.get(i), one.result().get()));
        }
      }
      json(ctx, entries.encode());
    });
  }

  private void handleState(RoutingContext ctx) {
    NodeView node = view.get();
    List<AgentView> agents = selected(ctx, node);
    if (agents == null) {
      return;
    }
    JsonObject body;
    if (ctx.request().getParam("agent_id") != null) {
      body = state(node, agents.get(0));
    } else if (agents.size() == 1) {
      body = state(node, agents.get(0));
    } else {
      JsonArray all = new JsonArray();
      agents.forEach(a -> all.add(state(node, a)));
      body = new JsonObject().put("node_id", node.nodeId()).put("agents", all);
    }
    json(ctx, body.encode());
  }

  private static JsonObject state(NodeView node, AgentView agent) {
    JsonArray tasks = new JsonArray();
    agent.tasks().forEach(t -> tasks.add(task(t)));
    JsonArray completed = new JsonArray();
    agent.completed().forEach(t -> completed.add(task(t)));
    JsonObject json = new JsonObject()
      .put("id", agent.id())
      .put("hostname", agent.info().getHostname())
      .put("port", agent.info().getPort())
      .put("node_id", node.nodeId())
      .put("resources", Json.resources(agent.info().resources()))
      .put("used_resources", Json.resources(agent.used()))
      .put("attributes", Json.attributes(agent.info().attributes()))
      .put("registered_epoch", agent.registeredEpoch())
      .put("leader_epoch", node.leaderEpoch())
      .put("pending_status_updates", agent.pendingUpdates())
      .put("isolation", new JsonObject().put("cgroups", node.cgroups()).put("message", node.isolation()))
      .put("containerizers", node.docker() ? new JsonArray().add("mesos").add("docker")
        : new JsonArray().add("mesos"))
      .put("docker", node.dockerStatus())
      .put("tasks", tasks)
      .put("completed_tasks", completed);
    node.leader().ifPresent(l -> json.put("master_hostname", l.getHostname()).put("master", l.address()));
    return json;
  }

  private static JsonObject task(AgentView.TaskView task) {
    return new JsonObject()
      .put("id", task.info().getTaskId())
      .put("name", task.info().getName())
      .put("framework_id", task.info().getFrameworkId())
      .put("state", task.state().name())
      .put("resources", Json.resources(task.info().resources()))
      .put("sandbox", task.sandbox().toString());
  }
}
