package io.drover.marathon.placement;

import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import java.util.Objects;

/**
 * What the matcher sees of one offer: its id, the agent it comes from and the resources still free
 * in it.
 */
public record AgentOffer(String offerId, String agentId, String hostname, Attributes attributes, Resources resources) {

  public AgentOffer {
    Objects.requireNonNull(offerId, "offerId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(resources, "resources");
  }

  /** An offer whose id does not matter (placement alone). */
  public AgentOffer(String agentId, String hostname, Attributes attributes, Resources resources) {
    this("", agentId, hostname, attributes, resources);
  }

  /** The same offer with {@code taken} gone, as after launching a task on it. */
  public AgentOffer without(Resources taken) {
    return new AgentOffer(offerId, agentId, hostname, attributes, resources.minus(taken));
  }

  /** {@code agent a1 (host-1)}: how rejections name the agent. */
  public String label() {
    return label(agentId, hostname);
  }

  static String label(String agentId, String hostname) {
    return "agent " + agentId + " (" + hostname + ")";
  }
}
