package io.drover.master.view;

import io.drover.master.state.AgentRegistry.Agent;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.Json;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;

/**
 * An agent as the master saw it at one moment, with what its tasks use, what is offered of it and
 * what of it is reserved for roles (by its flag and through the master).
 */
public record AgentView(AgentInfo info, boolean reachable, boolean registeredThisTerm, Double unreachableSince,
                        double registeredTime, Resources used, Resources offered, Reservations reserved) {

  public static AgentView of(Agent agent, Resources used, Resources offered) {
    return new AgentView(agent.info(), agent.reachable(), agent.registeredThisTerm(), agent.unreachableSince(),
      agent.registeredTime(), used, offered, agent.reserved());
  }

  public String id() {
    return info.getId();
  }

  /** The agent as {@code /master/state} lists it. */
  public JsonObject toJson() {
    String address = info.getHostname() + ":" + info.getPort();
    return new JsonObject()
      .put("id", id())
      .put("hostname", info.getHostname())
      .put("port", info.getPort())
      .put("pid", "slave(1)@" + address)
      .put("registered_time", registeredTime)
      .put("active", reachable)
      .put("registered", registeredThisTerm)
      .put("resources", Json.resources(info.resources()))
      .put("used_resources", Json.resources(used))
      .put("offered_resources", Json.resources(offered))
      .put("reserved_resources", Json.reservations(reserved))
      .put("unreserved_resources", Json.resources(info.resources().contains(reserved.total())
        ? info.resources().minus(reserved.total()) : Resources.EMPTY))
      .put("attributes", Json.attributes(info.attributes()));
  }
}
