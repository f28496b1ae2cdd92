package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.Objects;

/**
 * A role's quota (Mesos's {@code QuotaConfig}), over what its whole subtree holds in tasks and
 * offers.
 *
 * @param guarantees scalars held back for the role while it holds less: not offered to other roles
 *     as long as the role falls short of them
 * @param limits scalars the role never holds more of; a scalar not named has no limit
 */
public record RoleQuota(Resources guarantees, Resources limits) {

  public RoleQuota {
    Objects.requireNonNull(guarantees, "guarantees");
    Objects.requireNonNull(limits, "limits");
  }
}
