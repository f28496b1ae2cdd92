package io.drover.allocator;

import io.drover.resources.Roles;
import java.util.Objects;

/**
 * A framework's refusal of an agent for one of its roles, made when it declines an offer with
 * {@code refuse_seconds}: until {@code expiresAtMillis} the agent is not offered to that framework
 * for that role (Mesos keeps filters per role). Reviving clears a framework's filters (the caller
 * drops them from the snapshot).
 */
public record DeclineFilter(String frameworkId, String role, String agentId, long expiresAtMillis) {

  public DeclineFilter {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(agentId, "agentId");
  }

  /** A filter of the default role. */
  public DeclineFilter(String frameworkId, String agentId, long expiresAtMillis) {
    this(frameworkId, Roles.DEFAULT, agentId, expiresAtMillis);
  }

  /** Whether the filter still holds at {@code nowMillis}. */
  public boolean isLive(long nowMillis) {
    return expiresAtMillis > nowMillis;
  }
}
