package io.drover.allocator;

import io.drover.resources.Resources;
import io.drover.resources.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quotas during one allocation, as Mesos's allocator keeps them: what each role with a quota
 * consumes (its subtree's tasks and offers, scalars only), what its guarantee still lacks, and the
 * headroom: free resources that stay unoffered to other roles while a guarantee is not met.
 */
final class QuotaBook {

  private final Map<String, RoleQuota> quotas;
  private final Map<String, Resources> consumed = new HashMap<>();
  /** The free scalars of the offerable agents, less what this allocation granted so far. */
  private Resources unallocated;

  /**
   * @param held by role, what each holds in tasks and offers
   * @param free the free resources of every offerable agent, summed
   */
  QuotaBook(Map<String, RoleQuota> quotas, Map<String, Resources> held, Resources free) {
    this.quotas = Map.copyOf(quotas);
    this.unallocated = free.scalarsOnly();
    held.forEach(this::consume);
  }

  boolean isEmpty() {
    return quotas.isEmpty();
  }

  /** Whether {@code role} has a guarantee it does not hold yet. */
  boolean lacksGuarantee(String role) {
    RoleQuota quota = quotas.get(role);
    return quota != null && !quota.guarantees().beyond(consumedBy(role)).isEmpty();
  }

  /**
   * What {@code role} may be offered of {@code available}: within its limits and those of the roles
   * above it; with {@code toGuarantee}, also within what its guarantee still lacks, in the scalars it
   * guarantees (Mesos's first stage, which only fills guarantees).
   */
  Resources offerable(String role, Resources available, boolean toGuarantee) {
    if (quotas.isEmpty()) {
      return available;
    }
    Resources offer = available;
    for (String limited : withAncestors(role)) {
      RoleQuota quota = quotas.get(limited);
      if (quota != null) {
        offer = offer.within(quota.limits(), consumedBy(limited));
      }
    }
    if (toGuarantee) {
      offer = offer.within(quotas.get(role).guarantees(), consumedBy(role));
    }
    return offer;
  }

  /**
   * Whether granting {@code grant} to {@code role} still leaves free resources for every guarantee
   * not met (the grant counted toward the guarantees of {@code role} and the roles above it).
   */
  boolean leavesHeadroom(String role, Resources grant) {
    if (quotas.isEmpty()) {
      return true;
    }
    Resources granted = grant.scalarsOnly();
    List<String> receiving = withAncestors(role);
    Resources needed = Resources.EMPTY;
    for (Map.Entry<String, RoleQuota> quota : quotas.entrySet()) {
      Resources after = consumedBy(quota.getKey());
      if (receiving.contains(quota.getKey())) {
        after = after.plus(granted);
      }
      needed = needed.plus(quota.getValue().guarantees().beyond(after));
    }
    return needed.beyond(unallocated.beyond(granted)).isEmpty();
  }

  /** Records a grant: {@code role} and the roles above it consume it, and it is no longer free. */
  void granted(String role, Resources grant) {
    if (quotas.isEmpty()) {
      return;
    }
    consume(role, grant);
    unallocated = unallocated.beyond(grant.scalarsOnly());
  }

  private void consume(String role, Resources resources) {
    Resources scalars = resources.scalarsOnly();
    for (String quotaed : withAncestors(role)) {
      if (quotas.containsKey(quotaed)) {
        consumed.merge(quotaed, scalars, Resources::plus);
      }
    }
  }

  private Resources consumedBy(String role) {
    return consumed.getOrDefault(role, Resources.EMPTY);
  }

  private static List<String> withAncestors(String role) {
    List<String> roles = new ArrayList<>(Roles.ancestors(role));
    roles.add(role);
    return roles;
  }

}
