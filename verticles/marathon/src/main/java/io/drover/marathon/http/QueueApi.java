package io.drover.marathon.http;

import io.drover.marathon.app.PathId;
import io.drover.marathon.core.AppChanges;
import io.drover.marathon.core.MarathonReads;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /v2/queue}: the tasks waiting to start, why they wait, and resetting an app's backoff. */
final class QueueApi {

  /**
   * Drover's own embed: each item's {@code message} (why its tasks are not starting, in words) and
   * its backoff's current delay and failures.
   */
  static final String DROVER_ADDITIONS = "drover";

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
    Set<String> embed = new HashSet<>();
    ctx.queryParam("embed").forEach(e -> embed.addAll(Arrays.asList(e.split(","))));
    ctx.json(new JsonObject().put("queue", MarathonJson.queue(reads.get(), embed.contains("lastUnusedOffers"),
      embed.contains(DROVER_ADDITIONS))));
  }

  private void handleResetDelay(RoutingContext ctx) {
    changes.get().resetDelay(PathId.parse(ctx.pathParam("param0")));
    ctx.response().setStatusCode(204).end();
  }
}
