package io.drover.allocator;

import io.drover.resources.Resources;

/** A new offer to make: all of one agent's free resources, to one framework. */
public record OfferGrant(String frameworkId, String agentId, Resources resources) {}
