package io.drover.allocator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains, after the grants of one allocation, why each active framework that got nothing got
 * nothing. Works from counts per framework, so explaining costs no more than the filters and offers
 * involved, not agents times frameworks.
 */
final class NotOfferedReasons {

  private final int agentCount;
  private final int activeAgentCount;
  private final int offerableAgentCount;
  private final Map<String, Integer> filteredAgents = new HashMap<>();
  private final Map<String, Integer> heldAgents = new HashMap<>();
  private final Map<String, Integer> heldOffers;

  /**
   * @param offerableAgents the active agents whose free resources were worth an offer
   * @param filtered the live (agent, framework) decline filters
   * @param holding the (agent, framework) pairs with an offer still outstanding
   * @param heldOffers by framework, how many offers it holds still
   */
  NotOfferedReasons(
      int agentCount,
      int activeAgentCount,
      List<String> offerableAgents,
      AgentFrameworkPairs filtered,
      AgentFrameworkPairs holding,
      Map<String, Integer> heldOffers) {
    this.agentCount = agentCount;
    this.activeAgentCount = activeAgentCount;
    this.offerableAgentCount = offerableAgents.size();
    this.heldOffers = heldOffers;
    for (String agentId : offerableAgents) {
      Set<String> refusing = filtered.frameworksOn(agentId);
      for (String frameworkId : refusing) {
        filteredAgents.merge(frameworkId, 1, Integer::sum);
      }
      for (String frameworkId : holding.frameworksOn(agentId)) {
        if (!refusing.contains(frameworkId)) {
          heldAgents.merge(frameworkId, 1, Integer::sum);
        }
      }
    }
  }

  /** Why {@code framework}, active and granted nothing, was granted nothing. */
  NotOffered explain(FrameworkDemand framework) {
    if (framework.suppressed()) {
      return new NotOffered(
          NotOfferedReason.SUPPRESSED, "suppressed offers; revive to receive offers again");
    }
    if (activeAgentCount == 0) {
      return new NotOffered(
          NotOfferedReason.NO_AGENTS,
          agentCount == 0
              ? "no agents registered"
              : "no active agents (" + agents(agentCount) + " registered, none active)");
    }
    String id = framework.frameworkId();
    int offers = heldOffers.getOrDefault(id, 0);
    if (offerableAgentCount == 0 && offers > 0) {
      return new NotOffered(
          NotOfferedReason.HOLDING_OFFERS,
          "holds %s, and no agent has resources left to offer"
              .formatted(offers == 1 ? "1 offer" : offers + " offers"));
    }
    if (offerableAgentCount == 0) {
      return new NotOffered(
          NotOfferedReason.NO_FREE_RESOURCES,
          activeAgentCount == 1
              ? "no free resources on the only active agent"
              : "no free resources on any of the %d active agents".formatted(activeAgentCount));
    }
    int filtered = filteredAgents.getOrDefault(id, 0);
    int held = heldAgents.getOrDefault(id, 0);
    int taken = offerableAgentCount - filtered - held;
    if (taken > 0) {
      return new NotOffered(
          NotOfferedReason.NO_FREE_RESOURCES,
          "free resources on %d of %s went to frameworks with a lower dominant share"
              .formatted(taken, agents(offerableAgentCount)));
    }
    if (held == 0) {
      return new NotOffered(
          NotOfferedReason.FILTERED,
          offerableAgentCount == 1
              ? "declined the only agent with free resources (filter live)"
              : "declined all %d agents with free resources (filters live)"
                  .formatted(offerableAgentCount));
    }
    if (filtered == 0) {
      return new NotOffered(
          NotOfferedReason.HOLDING_OFFERS,
          offerableAgentCount == 1
              ? "already holds an offer on the only agent with free resources"
              : "already holds offers on all %d agents with free resources"
                  .formatted(offerableAgentCount));
    }
    String both =
        "declined %d (filters live) and holds offers on %d of the %s with free resources"
            .formatted(filtered, held, agents(offerableAgentCount));
    return new NotOffered(
        filtered >= held ? NotOfferedReason.FILTERED : NotOfferedReason.HOLDING_OFFERS, both);
  }

  private static String agents(int count) {
    return count + (count == 1 ? " agent" : " agents");
  }
}
