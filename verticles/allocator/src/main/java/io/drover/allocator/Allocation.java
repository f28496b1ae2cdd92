package io.drover.allocator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one allocation: offers to rescind, new offers to make, the filters still live and,
 * for every active framework that got nothing, why.
 *
 * @param notOffered by framework id, sorted by id
 */
public record Allocation(
    List<Rescind> rescinds,
    List<OfferGrant> grants,
    List<DeclineFilter> liveFilters,
    Map<String, NotOffered> notOffered) {

  public Allocation {
    rescinds = List.copyOf(rescinds);
    grants = List.copyOf(grants);
    liveFilters = List.copyOf(liveFilters);
    notOffered = Collections.unmodifiableMap(new TreeMap<>(notOffered));
  }
}
