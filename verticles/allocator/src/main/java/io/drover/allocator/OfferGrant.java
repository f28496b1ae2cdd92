package io.drover.allocator;

import io.drover.resources.Resources;

/** A new offer to make: all of one agent's free resources, to one framework, for one of its roles. */
public record OfferGrant(String frameworkId, String role, String agentId, Resources resources) {}
