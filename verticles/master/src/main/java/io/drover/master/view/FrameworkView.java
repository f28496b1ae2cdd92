package io.drover.master.view;

import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.Json;
import io.drover.protocol.Offer;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A framework as the master saw it at one moment, with its active tasks and its outstanding offers. */
public record FrameworkView(FrameworkInfo info, boolean connected, boolean suppressed, double registeredTime,
                            List<TaskView> tasks, List<Offer> offers) {

  public FrameworkView {
    tasks = List.copyOf(tasks);
    offers = List.copyOf(offers);
  }

  public static FrameworkView of(Framework framework, List<TaskView> tasks, List<Offer> offers) {
    return new FrameworkView(framework.info(), framework.connected(), framework.suppressed(),
      framework.registeredTime(), tasks, offers);
  }

  public String id() {
    return info.getId();
  }

  /** The framework as {@code /master/state} lists it, without its tasks and offers. */
  public JsonObject toJson() {
    Resources used = tasks.stream().map(t -> t.info().resources()).reduce(Resources.EMPTY, Resources::plus);
    Resources offered = offers.stream().map(Offer::resources).reduce(Resources.EMPTY, Resources::plus);
    return new JsonObject()
      .put("id", id())
      .put("name", info.getName())
      // "role" is what frameworks without MULTI_ROLE had; their one role is the first
      .put("role", info.roles().get(0))
      .put("roles", new JsonArray(info.roles()))
      .put("user", info.getUser())
      .put("hostname", info.getHostname())
      .put("webui_url", info.getWebuiUrl())
      .put("failover_timeout", info.getFailoverTimeoutSeconds())
      .put("active", connected && !suppressed)
      .put("connected", connected)
      .put("suppressed", suppressed)
      .put("registered_time", registeredTime)
      .put("resources", Json.resources(used))
      .put("used_resources", Json.resources(used))
      .put("offered_resources", Json.resources(offered));
  }
}
