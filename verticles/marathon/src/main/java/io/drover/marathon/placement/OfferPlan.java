package io.drover.marathon.placement;

import io.drover.resources.Resources;
import java.util.List;
import java.util.Optional;

/**
 * The tasks of one app that one offer can host.
 *
 * @param matches   one per task, in launch order
 * @param stoppedBy why no further task fit; empty when all wanted tasks were placed
 * @param remaining what is left of the offer after the matches
 */
public record OfferPlan(List<Match> matches, Optional<Rejection> stoppedBy, Resources remaining) {

  public OfferPlan {
    matches = List.copyOf(matches);
  }

  /** Whether the offer is used at all. */
  public boolean isUsed() {
    return !matches.isEmpty();
  }

  /** The sum of the resources of all matches. */
  public Resources taken() {
    Resources taken = Resources.EMPTY;
    for (Match match : matches) {
      taken = taken.plus(match.resources());
    }
    return taken;
  }
}
