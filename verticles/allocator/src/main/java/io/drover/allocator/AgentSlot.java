package io.drover.allocator;

import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import java.util.Objects;

/**
 * One agent as the allocator sees it.
 *
 * @param total what the agent advertises, its reservations included
 * @param used what its running tasks hold, from reservations or not; outstanding offers are not
 *     included
 * @param active whether the agent is connected; inactive agents are never offered
 * @param reserved the parts of {@code total} reserved for roles, offered to those roles only
 * @param usedReserved the parts of {@code used} that tasks hold of their roles' reservations
 */
public record AgentSlot(
    String agentId,
    String hostname,
    Resources total,
    Resources used,
    boolean active,
    Reservations reserved,
    Reservations usedReserved) {

  public AgentSlot {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(used, "used");
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(usedReserved, "usedReserved");
  }

  /** An agent without reservations. */
  public AgentSlot(String agentId, String hostname, Resources total, Resources used, boolean active) {
    this(agentId, hostname, total, used, active, Reservations.NONE, Reservations.NONE);
  }
}
