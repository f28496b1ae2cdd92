package io.drover.allocator;

import io.drover.resources.Resources;

/**
 * A new offer to make: what is free on one agent for one role of one framework.
 *
 * @param resources all of it
 * @param reserved the part of {@code resources} reserved for {@code role}
 */
public record OfferGrant(String frameworkId, String role, String agentId, Resources resources, Resources reserved) {

  /** An offer of resources for anyone. */
  public OfferGrant(String frameworkId, String role, String agentId, Resources resources) {
    this(frameworkId, role, agentId, resources, Resources.EMPTY);
  }
}
