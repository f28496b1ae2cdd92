package io.drover.allocator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the allocator decides from, frozen at {@code nowMillis}: the agents, the frameworks,
 * the offers still outstanding, the decline filters, the roles' weights (a role not listed
 * weighs 1) and their quotas. Ids are unique within each list.
 */
public record AllocationSnapshot(
    List<AgentSlot> agents,
    List<FrameworkDemand> frameworks,
    List<OutstandingOffer> offers,
    List<DeclineFilter> filters,
    Map<String, Double> weights,
    Map<String, RoleQuota> quotas,
    long nowMillis) {

  public AllocationSnapshot {
    agents = List.copyOf(agents);
    frameworks = List.copyOf(frameworks);
    offers = List.copyOf(offers);
    filters = List.copyOf(filters);
    weights = Map.copyOf(weights);
    quotas = Map.copyOf(quotas);
    requireUnique(agents, AgentSlot::agentId, "agent");
    requireUnique(frameworks, FrameworkDemand::frameworkId, "framework");
    requireUnique(offers, OutstandingOffer::offerId, "offer");
  }

  /** A snapshot with every role at the default weight, without quotas. */
  public AllocationSnapshot(
      List<AgentSlot> agents,
      List<FrameworkDemand> frameworks,
      List<OutstandingOffer> offers,
      List<DeclineFilter> filters,
      long nowMillis) {
    this(agents, frameworks, offers, filters, Map.of(), Map.of(), nowMillis);
  }

  private static <T> void requireUnique(List<T> items, Function<T, String> id, String kind) {
    Set<String> seen = new HashSet<>();
    for (T item : items) {
      if (!seen.add(id.apply(item))) {
        throw new IllegalArgumentException("duplicate " + kind + " id '" + id.apply(item) + "'");
      }
    }
  }
}
