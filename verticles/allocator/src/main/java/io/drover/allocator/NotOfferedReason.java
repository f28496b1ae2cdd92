package io.drover.allocator;

/** Why an active framework received no offer in an allocation. */
public enum NotOfferedReason {
  /** The framework suppressed offers. */
  SUPPRESSED,
  /** No agent is active. */
  NO_AGENTS,
  /** Every agent with free resources is filtered by the framework's own declines. */
  FILTERED,
  /** The framework already holds offers on every agent with free resources. */
  HOLDING_OFFERS,
  /** Nothing is free, or what was free went to frameworks ahead in DRF order. */
  NO_FREE_RESOURCES
}
