package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.Objects;

/** An offer sent to a framework and neither accepted, declined nor rescinded yet. */
public record OutstandingOffer(
    String offerId, String frameworkId, String agentId, Resources resources, long createdAtMillis) {

  public OutstandingOffer {
    Objects.requireNonNull(offerId, "offerId");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(resources, "resources");
  }
}
