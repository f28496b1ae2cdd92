package io.drover.master;

import io.drover.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Publishes what happens in the cluster on {@code drover.ui.<topic>} for dashboards. */
final class UiEvents {

  private final Vertx vertx;

  UiEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  void publish(String topic, JsonObject event) {
    vertx.eventBus().publish(Addresses.ui(topic), event.put("timestamp", System.currentTimeMillis() / 1000.0));
  }
}
