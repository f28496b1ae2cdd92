package io.drover.allocator;

import java.util.Objects;

/**
 * A framework's refusal of an agent, made when it declines an offer with {@code refuse_seconds}:
 * until {@code expiresAtMillis} the agent is not offered to that framework. Reviving clears a
 * framework's filters (the caller drops them from the snapshot).
 */
public record DeclineFilter(String frameworkId, String agentId, long expiresAtMillis) {

  public DeclineFilter {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
  }

  /** Whether the filter still holds at {@code nowMillis}. */
  public boolean isLive(long nowMillis) {
    return expiresAtMillis > nowMillis;
  }
}
