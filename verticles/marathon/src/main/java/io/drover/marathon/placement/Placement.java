package io.drover.marathon.placement;

import io.drover.resources.Attributes;
import java.util.Objects;

/**
 * Where one of an app's active instances is (staging, starting or running): the agent's hostname and
 * attributes are what constraints count.
 */
public record Placement(String agentId, String hostname, Attributes attributes) {

  public Placement {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** An instance on the agent of {@code offer}. */
  public static Placement on(AgentOffer offer) {
    return new Placement(offer.agentId(), offer.hostname(), offer.attributes());
  }
}
