package io.drover.allocator;

import io.drover.resources.Resources;
import io.drover.resources.Roles;
import java.util.Objects;

/**
 * An offer sent to a framework and neither accepted, declined nor rescinded yet.
 *
 * @param role the role it was made for; what it holds counts in that role's share
 * @param reserved the part of {@code resources} reserved for {@code role}
 */
public record OutstandingOffer(
    String offerId,
    String frameworkId,
    String role,
    String agentId,
    Resources resources,
    Resources reserved,
    long createdAtMillis) {

  public OutstandingOffer {
    Objects.requireNonNull(offerId, "offerId");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(reserved, "reserved");
  }

  /** An offer made for the default role. */
  public OutstandingOffer(
      String offerId, String frameworkId, String agentId, Resources resources, long createdAtMillis) {
    this(offerId, frameworkId, Roles.DEFAULT, agentId, resources, Resources.EMPTY, createdAtMillis);
  }
}
