package io.drover.allocator;

import io.drover.resources.Resources;
import io.drover.resources.Roles;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One framework as the allocator sees it.
 *
 * @param roles the roles it subscribed with, at least one; it is offered resources for each
 * @param active whether the framework is connected; inactive frameworks are never offered
 * @param suppressed whether the framework asked for no offers (until it revives)
 * @param usedByRole what its tasks hold across all agents, by the role they were allocated to
 *     (which may be a role it has left since); outstanding offers are not included
 */
public record FrameworkDemand(
    String frameworkId,
    Set<String> roles,
    boolean active,
    boolean suppressed,
    Map<String, Resources> usedByRole) {

  public FrameworkDemand {
    Objects.requireNonNull(frameworkId, "frameworkId");
    roles = Set.copyOf(roles);
    usedByRole = Map.copyOf(usedByRole);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("framework '" + frameworkId + "' is in no role");
    }
  }

  /** A framework in the default role only. */
  public FrameworkDemand(String frameworkId, boolean active, boolean suppressed, Resources used) {
    this(frameworkId, Set.of(Roles.DEFAULT), active, suppressed,
        used.isEmpty() ? Map.of() : Map.of(Roles.DEFAULT, used));
  }

  /** What its tasks hold in all roles together. */
  public Resources used() {
    return usedByRole.values().stream().reduce(Resources.EMPTY, Resources::plus);
  }
}
