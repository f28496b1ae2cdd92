package io.drover.allocator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the allocator decides from, frozen at {@code nowMillis}: the agents, the frameworks,
 * the offers still outstanding and the decline filters. Ids are unique within each list.
 */
public record AllocationSnapshot(
    List<AgentSlot> agents,
    List<FrameworkDemand> frameworks,
    List<OutstandingOffer> offers,
    List<DeclineFilter> filters,
    long nowMillis) {

  public AllocationSnapshot {
    agents = List.copyOf(agents);
    frameworks = List.copyOf(frameworks);
    offers = List.copyOf(offers);
    filters = List.copyOf(filters);
    requireUnique(agents, AgentSlot::agentId, "agent");
    requireUnique(frameworks, FrameworkDemand::frameworkId, "framework");
    requireUnique(offers, OutstandingOffer::offerId, "offer");
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
