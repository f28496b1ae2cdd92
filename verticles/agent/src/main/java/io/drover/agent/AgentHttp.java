package io.drover.agent;

import io.drover.common.http.HttpErrors;
import io.drover.common.http.HttpLimits;
import io.drover.common.security.Authenticator;
import io.drover.common.security.Credentials;
import io.drover.protocol.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Supplier;

/**
 * The agent process's HTTP API on 5051: {@code /state} (Mesos's agent shape; with several hosted
 * agents, {@code ?agent_id=} picks one and the plain call lists all under {@code agents}) and
 * {@code /health}.
 */
final class AgentHttp {

  private final Vertx vertx;
  private final Supplier<NodeView> view;
  private final Router router;

  /** {@code view} takes a view of the process on its context. */
  AgentHttp(Vertx vertx, Supplier<NodeView> view, Credentials credentials) {
    this.vertx = vertx;
    this.view = view;
    this.router = Router.router(vertx);
    router.route().handler(new Authenticator(credentials));
    router.get("/state").handler(this::handleState);
    router.get("/slave(1)/state").handler(this::handleState);
    router.get("/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    SandboxFiles files = new SandboxFiles(vertx, () -> agents().stream().map(AgentView::sandboxes).toList());
    router.get("/files/browse").handler(files::handleBrowse);
    router.get("/files/read").handler(files::handleRead);
    router.get("/files/tail").handler(new SandboxTail(vertx, files, this::agents)::handle);
    router.route().last().handler(ctx -> HttpErrors.end(ctx, 404, "no such endpoint: " + ctx.request().path()));
    router.route().failureHandler(HttpErrors::handleFailure);
  }

  Future<Integer> listen(String host, int port) {
    return HttpLimits.listen(vertx, router, port, host).map(server -> server.actualPort());
  }

  private List<AgentView> agents() {
    return view.get().agents();
  }

  private void handleState(RoutingContext ctx) {
    NodeView node = view.get();
    List<AgentView> agents = node.agents();
    String wanted = ctx.request().getParam("agent_id");
    JsonObject body;
    if (wanted != null) {
      AgentView agent = agents.stream().filter(a -> a.id().equals(wanted)).findFirst().orElse(null);
      if (agent == null) {
        HttpErrors.end(ctx, 404, "no agent " + wanted + " in this process");
        return;
      }
      body = state(node, agent);
    } else if (agents.size() == 1) {
      body = state(node, agents.get(0));
    } else {
      JsonArray all = new JsonArray();
      agents.forEach(a -> all.add(state(node, a)));
      body = new JsonObject().put("node_id", node.nodeId()).put("agents", all);
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
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
