package io.drover.master.http;

import io.drover.common.http.HttpErrors;
import io.drover.common.http.HttpForwarder;
import io.drover.common.http.HttpLimits;
import io.drover.common.security.Authenticator;
import io.drover.common.security.Credentials;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.TaskBook.Task;
import io.drover.ui.Dashboard;
import io.drover.master.MasterVerticle;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/** The master's HTTP API on 5050, in Mesos's shapes. */
public final class MasterHttp {

  private final Vertx vertx;
  private final MasterVerticle master;
  private final Router router;
  private final HttpForwarder forwarder;

  public MasterHttp(Vertx vertx, MasterVerticle master, Supplier<Optional<LeaderInfo>> marathon,
                    Credentials credentials) {
    this.vertx = vertx;
    this.master = master;
    this.router = Router.router(vertx);
    this.forwarder = new HttpForwarder(vertx);
    router.route().handler(new Authenticator(credentials, Dashboard::isPage));
    router.get("/master/state").handler(this::handleState);
    router.get("/state").handler(this::handleState);
    router.get("/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/redirect").handler(this::handleRedirect);
    router.get("/master/redirect").handler(this::handleRedirect);
    router.get("/metrics/snapshot").handler(this::handleMetrics);
    router.get("/master/tasks/:taskId/files/:file").handler(this::handleTaskOutput);
    new Dashboard(vertx, forwarder, master::leader, marathon).mount(router);
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

  private void handleState(RoutingContext ctx) {
    json(ctx, StateJson.state(master, master.masters()));
  }

  private void handleMetrics(RoutingContext ctx) {
    json(ctx, MetricsSnapshot.of(master));
  }

  /**
   * A task's stdout or stderr as an event stream, from the agent that runs it (the dashboard's task
   * page): the agent follows the file, this master only knows where the task is.
   */
  private void handleTaskOutput(RoutingContext ctx) {
    String taskId = ctx.pathParam("taskId");
    Optional<Task> task = master.state().tasks.findById(taskId);
    Optional<Agent> agent = task.flatMap(t -> master.state().agents.get(t.agentId()));
    if (agent.isEmpty()) {
      HttpErrors.end(ctx, 404, "no task " + taskId + " on a known agent");
      return;
    }
    String uri = "/files/tail?agent_id=" + encode(agent.get().id()) + "&task_id=" + encode(taskId)
      + "&file=" + encode(ctx.pathParam("file"));
    forwarder.forward(ctx, agent.get().info().getHostname(), agent.get().info().getPort(), uri, true);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private void handleRedirect(RoutingContext ctx) {
    LeaderInfo leader = master.leader().orElse(null);
    if (leader == null) {
      HttpErrors.end(ctx, 503, "no leading master is elected");
      return;
    }
    ctx.response().setStatusCode(307).putHeader(HttpHeaders.LOCATION, "http://" + leader.address() + "/").end();
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
