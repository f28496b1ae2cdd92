package io.drover.marathon.placement;

/**
 * What {@link OfferMatcher#match} decided for one task on one offer: a {@link Match} or a {@link
 * Rejection}.
 */
public sealed interface MatchResult permits Match, Rejection {

  String agentId();

  String hostname();
}
