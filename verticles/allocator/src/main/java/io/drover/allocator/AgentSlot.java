package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.Objects;

/**
 * One agent as the allocator sees it.
 *
 * @param total what the agent advertises
 * @param used what its running tasks hold; outstanding offers are not included
 * @param active whether the agent is connected; inactive agents are never offered
 */
public record AgentSlot(
    String agentId, String hostname, Resources total, Resources used, boolean active) {

  public AgentSlot {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(used, "used");
  }
}
