package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The grants of one allocation cycle, made in Mesos's two stages over the offerable agents (in the
 * cycle's shuffled order):
 *
 * <ol>
 *   <li>roles that lack part of their quota guarantee, in role order, are offered what they lack;
 *   <li>then every role in hierarchical DRF order is offered what is left, within its limits, and
 *       only when the free resources left after it still cover every guarantee not met.
 * </ol>
 *
 * <p>An offer for a role holds what is free for anyone, cut to the role's quota, and what is left of
 * the role's own reservation on the agent, which no other role is offered. Within a role the first
 * eligible framework in DRF order takes the offer; a framework gets at most one offer per agent and
 * role, and none of an agent it filters, or holds an offer of already, for that role.
 */
final class Grants {

  /**
   * The two levels of hierarchical DRF, roles and then the frameworks within each role, and what
   * each role holds in tasks and offers.
   */
  record Shares(RoleSorter roles, Map<String, DrfSorter> frameworksByRole, Map<String, Resources> heldByRole) {}

  private final Shares shares;
  private final QuotaBook quotas;
  private final Predicate<Resources> offerable;
  private final Predicate<FreeOnAgent> anyOfferable;
  private final AgentFrameworkPairs filtered;
  private final AgentFrameworkPairs holding;
  /** By agent id, in the cycle's order: what is still free on each offerable agent. */
  private final Map<String, FreeOnAgent> free = new LinkedHashMap<>();
  /** By agent, the frameworks granted an offer of it in this allocation, as "framework\nrole". */
  private final Map<String, Set<String>> grantedOn = new HashMap<>();
  private final List<OfferGrant> grants = new ArrayList<>();
  private final Set<String> granted = new HashSet<>();

  /**
   * @param free by agent id in the cycle's order, what each offerable agent has free
   * @param offerable whether resources are worth an offer
   * @param anyOfferable whether anything free on an agent is worth an offer to some role
   * @param filtered the agents each framework filters, per role
   * @param holding the agents each framework holds an offer of, per role
   */
  Grants(Shares shares, QuotaBook quotas, Map<String, FreeOnAgent> free, Predicate<Resources> offerable,
      Predicate<FreeOnAgent> anyOfferable, AgentFrameworkPairs filtered, AgentFrameworkPairs holding) {
    this.shares = shares;
    this.quotas = quotas;
    this.free.putAll(free);
    this.offerable = offerable;
    this.anyOfferable = anyOfferable;
    this.filtered = filtered;
    this.holding = holding;
  }

  /** Runs both stages. */
  Grants make() {
    if (!quotas.isEmpty()) {
      for (String agentId : free.keySet()) {
        for (String role : shares.roles().sorted()) {
          if (quotas.lacksGuarantee(role)) {
            offer(agentId, role, quotas.offerable(role, free.get(agentId).unreserved(), true), false);
          }
        }
      }
    }
    for (String agentId : free.keySet()) {
      for (String role : shares.roles().sorted()) {
        if (!anyOfferable.test(free.get(agentId))) {
          break;
        }
        offer(agentId, role, quotas.offerable(role, free.get(agentId).unreserved(), false), true);
      }
    }
    return this;
  }

  List<OfferGrant> grants() {
    return grants;
  }

  /** The frameworks granted anything. */
  Set<String> granted() {
    return granted;
  }

  /**
   * Offers {@code unreserved} and what is left of {@code role}'s reservation on the agent to the
   * first eligible framework of {@code role}, if any and if worth it.
   */
  private void offer(String agentId, String role, Resources unreserved, boolean keepHeadroom) {
    DrfSorter inRole = shares.frameworksByRole().get(role);
    if (inRole == null || keepHeadroom && !quotas.leavesHeadroom(role, unreserved)) {
      return;
    }
    Resources reserved = free.get(agentId).reservedFor(role);
    Resources offer = unreserved.plus(reserved);
    if (!offerable.test(offer)) {
      return;
    }
    Set<String> refusing = filtered.frameworksOn(agentId, role);
    Set<String> holders = holding.frameworksOn(agentId, role);
    Set<String> takers = grantedOn.getOrDefault(agentId, Set.of());
    Optional<String> taker = inRole.first(id -> !refusing.contains(id) && !holders.contains(id)
        && (takers.isEmpty() || !takers.contains(id + '\n' + role)));
    if (taker.isEmpty()) {
      return;
    }
    grants.add(new OfferGrant(taker.get(), role, agentId, offer, reserved));
    granted.add(taker.get());
    grantedOn.computeIfAbsent(agentId, a -> new HashSet<>()).add(taker.get() + '\n' + role);
    shares.roles().allocated(role, offer);
    inRole.allocated(taker.get(), offer);
    quotas.granted(role, offer);
    free.put(agentId, free.get(agentId).less(role, unreserved, reserved));
  }
}
