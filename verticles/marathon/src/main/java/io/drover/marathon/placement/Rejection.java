package io.drover.marathon.placement;

import java.util.List;

/**
 * The offer cannot host a task, for every reason found, with the words to show a user.
 *
 * @param reasons in funnel order, never empty
 * @param details one sentence per problem, such as {@code needs 2 cpus, offers 1.5}
 */
public record Rejection(String offerId, String agentId, String hostname, List<RejectReason> reasons,
                        List<String> details) implements MatchResult {

  /** A rejection of an offer whose id does not matter. */
  public Rejection(String agentId, String hostname, List<RejectReason> reasons, List<String> details) {
    this("", agentId, hostname, reasons, details);
  }

  public Rejection {
    reasons = reasons.stream().distinct().sorted().toList();
    details = List.copyOf(details);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
  }

  /** The reason the summary counts: the first in Marathon's funnel. */
  public RejectReason reason() {
    return reasons.get(0);
  }

  /** For example {@code agent a1 (host-1): needs 2 cpus, offers 1.5}. */
  public String message() {
    return AgentOffer.label(agentId, hostname) + ": " + String.join("; ", details);
  }
}
