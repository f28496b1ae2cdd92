package io.drover.marathon.http;

import io.drover.marathon.app.PathId;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /v2/queue}: the tasks waiting to start, why they wait, and resetting an app's backoff. */
final class QueueApi {

  private static final Pattern DELAY = Pattern.compile("/v2/queue/(.+)/delay");

  private final Supplier<MarathonReads> reads;
  private final Supplier<AppChanges> changes;

  QueueApi(Supplier<MarathonReads> reads, Supplier<AppChanges> changes) {
    this.reads = reads;
    this.changes = changes;
  }

  void mount(Router router) {
    router.get("/v2/queue").handler(this::handleList);
    router.routeWithRegex(io.vertx.core.http.HttpMethod.DELETE, DELAY.pattern()).handler(this::handleResetDelay);
  }

  private void handleList(RoutingContext ctx) {
    ctx.json(new JsonObject().put("queue", MarathonJson.queue(reads.get())));
  }

  private void handleResetDelay(RoutingContext ctx) {
    changes.get().resetDelay(PathId.parse(ctx.pathParam("param0")));
    ctx.response().setStatusCode(204).end();
  }
}
