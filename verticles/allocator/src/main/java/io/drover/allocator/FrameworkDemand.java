package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.Objects;

/**
 * One framework as the allocator sees it.
 *
 * @param active whether the framework is connected; inactive frameworks are never offered
 * @param suppressed whether the framework asked for no offers (until it revives)
 * @param used what its tasks hold across all agents; outstanding offers are not included
 */
public record FrameworkDemand(
    String frameworkId, boolean active, boolean suppressed, Resources used) {

  public FrameworkDemand {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(used, "used");
  }
}
