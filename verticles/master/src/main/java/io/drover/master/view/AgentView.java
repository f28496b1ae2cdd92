package io.drover.master.view;

import io.drover.master.state.AgentDrain;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.Json;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;

/**
 * An agent as the master saw it at one moment, with what its tasks use, what is offered of it and
 * what of it is reserved for roles (by its flag and through the master).
 *
 * @param deactivated deactivated by an operator or a drain
 * @param drain its drain, or null
 */
public record AgentView(AgentInfo info, boolean reachable, boolean registeredThisTerm, Double unreachableSince,
                        double registeredTime, Resources used, Resources offered, Reservations reserved,
                        boolean deactivated, AgentDrain drain) {

  public AgentView(AgentInfo info, boolean reachable, boolean registeredThisTerm, Double unreachableSince,
                   double registeredTime, Resources used, Resources offered) {
    this(info, reachable, registeredThisTerm, unreachableSince, registeredTime, used, offered, Reservations.NONE,
      false, null);
  }

  public static AgentView of(Agent agent, Resources used, Resources offered) {
    return new AgentView(agent.info(), agent.reachable(), agent.registeredThisTerm(), agent.unreachableSince(),
      agent.registeredTime(), used, offered, agent.reserved(), agent.deactivated(), agent.drain());
  }

  /** Active as Mesos counts it: reachable and not deactivated. */
  public boolean active() {
    return reachable && !deactivated;
  }

  public String id() {
    return info.getId();
  }

  /** The agent as {@code /master/state} lists it. */
  public JsonObject toJson() {
    String address = info.getHostname() + ":" + info.getPort();
    JsonObject json = new JsonObject()
      .put("id", id())
      .put("hostname", info.getHostname())
      .put("port", info.getPort())
      .put("pid", "slave(1)@" + address)
      .put("registered_time", registeredTime)
      .put("active", active())
      .put("deactivated", deactivated)
      .put("registered", registeredThisTerm)
      .put("resources", Json.resources(info.resources()))
      .put("used_resources", Json.resources(used))
      .put("offered_resources", Json.resources(offered))
      .put("reserved_resources", Json.reservations(reserved))
      .put("unreserved_resources", Json.resources(info.resources().contains(reserved.total())
        ? info.resources().minus(reserved.total()) : Resources.EMPTY))
      .put("attributes", Json.attributes(info.attributes()));
    // Mesos writes a drain only for an agent that has one
    return drain == null ? json : json.put("drain_info", drain.toJson());
  }
}
