package io.drover.marathon.placement;

import io.drover.marathon.app.AppDefinition.KillSelection;
import java.util.Comparator;
import java.util.List;

/**
 * Which instances go first when an app scales down: those not yet running, then unhealthy ones,
 * then the rest, each group youngest or oldest first as the app's {@code killSelection} says.
 */
public final class KillOrder {

  private KillOrder() {}

  /** The first {@code count} of {@code instances} in kill order; all of them when there are fewer. */
  public static List<Candidate> toKill(List<Candidate> instances, int count, KillSelection selection) {
    return instances.stream().sorted(order(selection)).limit(Math.max(0, count)).toList();
  }

  /** The kill order: those to kill first come first. */
  public static Comparator<Candidate> order(KillSelection selection) {
    Comparator<Candidate> byAge = Comparator.comparingLong(Candidate::startedAtMs);
    if (selection == KillSelection.YOUNGEST_FIRST) {
      byAge = byAge.reversed();
    }
    // the task id breaks ties, so that equal inputs always give the same kills
    return Comparator.comparingInt(KillOrder::rank).thenComparing(byAge).thenComparing(Candidate::taskId);
  }

  // killing what serves no traffic yet costs the least
  private static int rank(Candidate candidate) {
    if (!candidate.running()) {
      return 0;
    }
    return Boolean.FALSE.equals(candidate.healthy()) ? 1 : 2;
  }
}
