package io.drover.master.http;

import io.drover.common.http.HttpErrors;
import io.drover.master.mesos.OperatorResponses;
import io.drover.master.view.MasterView;
import io.drover.master.view.RoleView;
import io.drover.mesos.MediaType;
import io.drover.protocol.MasterService;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.serviceproxy.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Mesos's role endpoints: {@code GET /master/roles} (the roles with their weights, quotas,
 * frameworks and allocations), {@code GET /master/quota}, {@code GET /master/weights} and
 * {@code PUT /master/weights}, which sets weights through the leader from any master. Also without
 * the {@code /master} prefix. Quotas are set with the operator API's {@code UPDATE_QUOTA}.
 */
final class RoleEndpoints {

  private static final long MAX_BODY_BYTES = 1 << 20;

  private final Supplier<MasterView> view;
  private final MasterService leader;

  private RoleEndpoints(Vertx vertx, Supplier<MasterView> view) {
    this.view = view;
    this.leader = MasterService.createProxy(vertx);
  }

  static void mount(Vertx vertx, Router router, Supplier<MasterView> view) {
    RoleEndpoints endpoints = new RoleEndpoints(vertx, view);
    for (String prefix : new String[] {"", "/master"}) {
      router.get(prefix + "/roles").handler(endpoints::roles);
      router.get(prefix + "/roles.json").handler(endpoints::roles);
      router.get(prefix + "/weights").handler(endpoints::weights);
      router.get(prefix + "/quota").handler(endpoints::quota);
      router.put(prefix + "/weights").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(endpoints::updateWeights);
    }
  }

  private void roles(RoutingContext ctx) {
    JsonArray roles = new JsonArray(view.get().roles().stream().map(RoleView::toJson).toList());
    json(ctx, new JsonObject().put("roles", roles).encode());
  }

  /** Mesos's {@code QuotaStatus}: the quotas set through {@code UPDATE_QUOTA}. */
  private void quota(RoutingContext ctx) {
    json(ctx, new String(MediaType.JSON.encode(OperatorResponses.quotaStatus(view.get().quotas())),
      StandardCharsets.UTF_8));
  }

  private void weights(RoutingContext ctx) {
    JsonArray weights = new JsonArray();
    view.get().weights().forEach((role, weight) -> weights.add(new JsonObject().put("role", role).put("weight", weight)));
    json(ctx, weights.encode());
  }

  /** The body is what {@code GET} answers: {@code [{"role": "eng", "weight": 3}]}. */
  private void updateWeights(RoutingContext ctx) {
    JsonObject updated = new JsonObject();
    try {
      for (Object item : new JsonArray(ctx.body().asString())) {
        if (!(item instanceof JsonObject info) || !(info.getValue("role") instanceof String role)
          || !(info.getValue("weight") instanceof Number weight)) {
          HttpErrors.end(ctx, 400, "each weight must be an object with a string 'role' and a number 'weight': " + item);
          return;
        }
        updated.put(role, weight.doubleValue());
      }
    } catch (DecodeException | ClassCastException | NullPointerException notJson) {
      HttpErrors.end(ctx, 400, "the body must be a JSON array of {\"role\": ..., \"weight\": ...}");
      return;
    }
    leader.updateWeights(updated).onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().setStatusCode(200).end();
      } else if (done.cause() instanceof ServiceException e && e.failureCode() >= 400 && e.failureCode() < 600) {
        HttpErrors.end(ctx, e.failureCode(), e.getMessage());
      } else {
        HttpErrors.end(ctx, 503, done.cause() instanceof ReplyException ? "no master leads to take the weights"
          : done.cause().getMessage());
      }
    });
  }

  private static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }
}
