package io.drover.master.http;

import io.drover.common.http.HttpErrors;
import io.drover.common.http.HttpForwarder;
import io.drover.common.http.HttpLimits;
import io.drover.common.security.Authenticator;
import io.drover.common.security.Credentials;
import io.drover.master.mesos.OperatorApi;
import io.drover.master.mesos.SchedulerApi;
import io.drover.master.view.AgentView;
import io.drover.master.view.MasterView;
import io.drover.protocol.LeaderInfo;
import io.drover.ui.Dashboard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The master's HTTP API on 5050, in Mesos's shapes, rendered from views of the master. */
public final class MasterHttp {

  private static final Set<String> SANDBOX_OPERATIONS = Set.of("browse", "read", "download");

  private final Vertx vertx;
  private final Supplier<MasterView> view;
  private final Supplier<Optional<LeaderInfo>> leader;
  private final Router router;
  private final HttpForwarder forwarder;

  /**
   * @param view takes a view of the master on its context
   * @param leader the leading master, as this one knows it
   * @param marathon the leading marathon, for the dashboard
   * @param history the leader's last hour of samples, for the dashboard's charts (taken on the master's context)
   */
  public MasterHttp(Vertx vertx, Supplier<MasterView> view, Supplier<Optional<LeaderInfo>> leader,
                    Supplier<Optional<LeaderInfo>> marathon, Credentials credentials, SchedulerApi schedulerApi,
                    OperatorApi operatorApi, Supplier<JsonObject> history) {
    this.vertx = vertx;
    this.view = view;
    this.leader = leader;
    this.router = Router.router(vertx);
    this.forwarder = new HttpForwarder(vertx);
    router.route().handler(new Authenticator(credentials, Dashboard::isPage));
    MesosReadEndpoints.mount(router, view);
    RoleEndpoints.mount(vertx, router, view);
    router.get("/redirect").handler(this::handleRedirect);
    router.get("/master/redirect").handler(this::handleRedirect);
    router.get("/master/tasks/:taskId/files/:file").handler(this::handleTaskOutput);
    router.get("/master/tasks/:taskId/sandbox/:operation").handler(this::handleSandbox);
    router.get("/master/history").handler(ctx -> ctx.json(history.get()));
    schedulerApi.mount(router);
    operatorApi.mount(router);
    new Dashboard(vertx, forwarder, leader, marathon).mount(router);
    router.route().last().handler(ctx -> HttpErrors.end(ctx, 404, "no such endpoint: " + ctx.request().path()));
    router.route().failureHandler(HttpErrors::handleFailure);
  }

  public Router router() {
    return router;
  }

  /** Listens and answers the port actually bound (which differs from {@code port} when it is 0). */
  public Future<Integer> listen(String host, int port) {
    return HttpLimits.listen(vertx, router, port, host).map(server -> server.actualPort());
  }

  /**
   * A task's stdout or stderr as an event stream, from the agent that runs it (the dashboard's task
   * page): the agent follows the file, this master only knows where the task is.
   */
  private void handleTaskOutput(RoutingContext ctx) {
    String taskId = ctx.pathParam("taskId");
    MasterView master = view.get();
    Optional<AgentView> agent = master.task(taskId).flatMap(t -> master.agent(t.agentId()));
    if (agent.isEmpty()) {
      HttpErrors.end(ctx, 404, "no task " + taskId + " on a known agent");
      return;
    }
    String uri = "/files/tail?agent_id=" + encode(agent.get().id()) + "&task_id=" + encode(taskId)
      + "&file=" + encode(ctx.pathParam("file"));
    forwarder.forward(ctx, agent.get().info().getHostname(), agent.get().info().getPort(), uri, true);
  }

  /**
   * A task's sandbox, browsed, read or downloaded by paths relative to it (the dashboard's sandbox
   * browser): forwarded to the agent that has it, which keeps every path inside that sandbox.
   */
  private void handleSandbox(RoutingContext ctx) {
    String operation = ctx.pathParam("operation");
    if (!SANDBOX_OPERATIONS.contains(operation)) {
      HttpErrors.end(ctx, 404, "a sandbox is browsed, read or downloaded, not " + operation);
      return;
    }
    String taskId = ctx.pathParam("taskId");
    MasterView master = view.get();
    Optional<AgentView> agent = master.task(taskId).flatMap(t -> master.agent(t.agentId()));
    if (agent.isEmpty()) {
      HttpErrors.end(ctx, 404, "task " + taskId + " is gone: no known agent has it");
      return;
    }
    StringBuilder uri = new StringBuilder("/files/sandbox/").append(operation)
      .append("?agent_id=").append(encode(agent.get().id())).append("&task_id=").append(encode(taskId));
    for (String name : List.of("path", "offset", "length")) {
      String value = ctx.request().getParam(name);
      if (value != null) {
        uri.append('&').append(name).append('=').append(encode(value));
      }
    }
    forwarder.forward(ctx, agent.get().info().getHostname(), agent.get().info().getPort(), uri.toString(),
      operation.equals("download"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private void handleRedirect(RoutingContext ctx) {
    LeaderInfo leader = this.leader.get().orElse(null);
    if (leader == null) {
      HttpErrors.end(ctx, 503, "no leading master is elected");
      return;
    }
    ctx.response().setStatusCode(307).putHeader(HttpHeaders.LOCATION, "http://" + leader.address() + "/").end();
  }
}
