package io.drover.marathon.http;

import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.deploy.DeploymentJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/** {@code /v2/deployments}: what is in progress (a bare array), and cancelling it. */
final class DeploymentsApi {

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;

  DeploymentsApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes) {
    this.reads = reads;
    this.changes = changes;
  }

  void mount(Router router) {
    router.get("/v2/deployments").handler(this::handleList);
    router.delete("/v2/deployments/:id").handler(this::handleCancel);
  }

  private void handleList(RoutingContext ctx) {
    ctx.json(MarathonJson.deployments(reads.get()));
  }

  /** Rolls back (200 and the rollback deployment), or with {@code force} stops it where it is (202). */
  private void handleCancel(RoutingContext ctx) {
    boolean force = Requests.flag(ctx, "force", false);
    changes.get().cancelDeployment(ctx.pathParam("id"), force).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (result.result().isEmpty()) {
        ctx.response().setStatusCode(202).end();
      } else {
        ctx.response().putHeader(AppsApi.DEPLOYMENT_HEADER, result.result().get().id());
        ctx.json(DeploymentJson.result(result.result().get()));
      }
    });
  }
}
