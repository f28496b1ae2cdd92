package io.drover.master.state;

import io.drover.allocator.DeclineFilter;
import io.drover.allocator.OutstandingOffer;
import io.drover.protocol.Offer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Outstanding offers and live decline filters of the leader's current term. */
public final class OfferBook {

  private record Entry(Offer offer, long createdAtMs) {
  }

  private final Map<String, Entry> offers = new LinkedHashMap<>();
  private List<DeclineFilter> filters = new ArrayList<>();

  public void add(Offer offer, long nowMs) {
    offers.put(offer.getId(), new Entry(offer, nowMs));
  }

  public Optional<Offer> get(String offerId) {
    return Optional.ofNullable(offers.get(offerId)).map(Entry::offer);
  }

  public Optional<Offer> remove(String offerId) {
    return Optional.ofNullable(offers.remove(offerId)).map(Entry::offer);
  }

  public List<Offer> removeFramework(String frameworkId) {
    List<Offer> removed = new ArrayList<>();
    offers.values().removeIf(e -> {
      boolean match = e.offer().getFrameworkId().equals(frameworkId);
      if (match) {
        removed.add(e.offer());
      }
      return match;
    });
    filters.removeIf(f -> f.frameworkId().equals(frameworkId));
    return removed;
  }

  /** Forgets every offer and filter: they belong to one leadership term. */
  public void clear() {
    offers.clear();
    filters = new ArrayList<>();
  }

  public Collection<Offer> all() {
    return offers.values().stream().map(Entry::offer).toList();
  }

  public int size() {
    return offers.size();
  }

  /** The offers as the allocator sees them. */
  public List<OutstandingOffer> outstanding() {
    List<OutstandingOffer> outstanding = new ArrayList<>(offers.size());
    for (Entry e : offers.values()) {
      Offer o = e.offer();
      outstanding.add(new OutstandingOffer(o.getId(), o.getFrameworkId(), o.getRole(), o.getAgentId(), o.resources(),
        o.reserved(), e.createdAtMs()));
    }
    return outstanding;
  }

  /** The framework refuses the agent for {@code role} until {@code untilMs}. */
  public void refuse(String frameworkId, String role, String agentId, long untilMs) {
    filters.add(new DeclineFilter(frameworkId, role, agentId, untilMs));
  }

  public void clearFilters(String frameworkId) {
    filters.removeIf(f -> f.frameworkId().equals(frameworkId));
  }

  public List<DeclineFilter> filters() {
    return filters;
  }

  /** Keeps only the filters the allocator found still live. */
  public void keepFilters(List<DeclineFilter> live) {
    filters = new ArrayList<>(live);
  }
}
