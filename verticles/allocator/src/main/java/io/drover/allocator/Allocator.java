package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Mesos's hierarchical DRF allocator as a function: {@link #allocate} takes a snapshot of the
 * cluster and returns the offers to rescind and to make, touching nothing else. One call is one
 * allocation cycle:
 *
 * <ol>
 *   <li>decline filters that have expired are dropped;
 *   <li>outstanding offers are rescinded when their agent or framework is gone or inactive, or when
 *       they are older than the offer timeout; their resources are free again at once;
 *   <li>an agent's free resources are its total less what its tasks use and what its remaining
 *       offers hold;
 *   <li>agents are visited in a random order; each agent with enough free resources is offered
 *       whole to the first framework in DRF order ({@link DrfSorter}) that is active, not
 *       suppressed, not filtering that agent and not holding an offer on it already;
 *   <li>every active framework left without an offer is told why.
 * </ol>
 *
 * <p>The result depends only on the snapshot and the random generator, which is advanced by each
 * call. Not thread-safe: the master calls it from one context.
 */
public final class Allocator {

  private final AllocatorSettings settings;
  private final RandomGenerator agentShuffle;

  /**
   * @param agentShuffle the only randomness: the order in which agents are offered, so that no
   *     agent is always offered first
   */
  public Allocator(AllocatorSettings settings, RandomGenerator agentShuffle) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.agentShuffle = Objects.requireNonNull(agentShuffle, "agentShuffle");
  }

  /** One allocation cycle over {@code snapshot}. */
  public Allocation allocate(AllocationSnapshot snapshot) {
    long now = snapshot.nowMillis();
    Map<String, AgentSlot> agents = new HashMap<>();
    for (AgentSlot agent : snapshot.agents()) {
      agents.put(agent.agentId(), agent);
    }
    Map<String, FrameworkDemand> frameworks = new HashMap<>();
    for (FrameworkDemand framework : snapshot.frameworks()) {
      frameworks.put(framework.frameworkId(), framework);
    }

    List<DeclineFilter> liveFilters = new ArrayList<>();
    AgentFrameworkPairs filtered = new AgentFrameworkPairs();
    for (DeclineFilter filter : snapshot.filters()) {
      if (filter.isLive(now)) {
        liveFilters.add(filter);
        filtered.add(filter.agentId(), filter.frameworkId());
      }
    }

    List<Rescind> rescinds = new ArrayList<>();
    Map<String, Resources> offeredOnAgent = new HashMap<>();
    Map<String, Resources> offeredToFramework = new HashMap<>();
    Map<String, Integer> heldOffers = new HashMap<>();
    AgentFrameworkPairs holding = new AgentFrameworkPairs();
    for (OutstandingOffer offer : snapshot.offers()) {
      RescindReason reason = rescindReason(offer, agents, frameworks, now);
      if (reason != null) {
        rescinds.add(new Rescind(offer.offerId(), reason));
        continue;
      }
      offeredOnAgent.merge(offer.agentId(), offer.resources(), Resources::plus);
      offeredToFramework.merge(offer.frameworkId(), offer.resources(), Resources::plus);
      heldOffers.merge(offer.frameworkId(), 1, Integer::sum);
      holding.add(offer.agentId(), offer.frameworkId());
    }

    List<AgentSlot> activeAgents = new ArrayList<>();
    Resources clusterTotal = Resources.EMPTY;
    for (AgentSlot agent : snapshot.agents()) {
      if (agent.active()) {
        activeAgents.add(agent);
        clusterTotal = clusterTotal.plus(agent.total());
      }
    }
    Map<String, Resources> allocations = new HashMap<>();
    for (FrameworkDemand framework : snapshot.frameworks()) {
      if (framework.active() && !framework.suppressed()) {
        Resources offered =
            offeredToFramework.getOrDefault(framework.frameworkId(), Resources.EMPTY);
        allocations.put(framework.frameworkId(), framework.used().plus(offered));
      }
    }
    DrfSorter sorter = new DrfSorter(clusterTotal, allocations);

    List<OfferGrant> grants = new ArrayList<>();
    List<String> offerableAgents = new ArrayList<>();
    Set<String> granted = new HashSet<>();
    for (AgentSlot agent : shuffled(activeAgents)) {
      Resources available =
          available(agent, offeredOnAgent.getOrDefault(agent.agentId(), Resources.EMPTY));
      if (!isOfferable(available)) {
        continue;
      }
      offerableAgents.add(agent.agentId());
      Set<String> refusing = filtered.frameworksOn(agent.agentId());
      Set<String> holders = holding.frameworksOn(agent.agentId());
      Optional<String> taker = sorter.first(id -> !refusing.contains(id) && !holders.contains(id));
      if (taker.isPresent()) {
        grants.add(new OfferGrant(taker.get(), agent.agentId(), available));
        sorter.allocated(taker.get(), available);
        granted.add(taker.get());
      }
    }

    NotOfferedReasons reasons =
        new NotOfferedReasons(
            snapshot.agents().size(),
            activeAgents.size(),
            offerableAgents,
            filtered,
            holding,
            heldOffers);
    Map<String, NotOffered> notOffered = new HashMap<>();
    for (FrameworkDemand framework : snapshot.frameworks()) {
      if (framework.active() && !granted.contains(framework.frameworkId())) {
        notOffered.put(framework.frameworkId(), reasons.explain(framework));
      }
    }
    return new Allocation(rescinds, grants, liveFilters, notOffered);
  }

  // a gone agent or framework explains more than the timeout, so it wins when both apply
  private RescindReason rescindReason(
      OutstandingOffer offer,
      Map<String, AgentSlot> agents,
      Map<String, FrameworkDemand> frameworks,
      long now) {
    AgentSlot agent = agents.get(offer.agentId());
    if (agent == null || !agent.active()) {
      return RescindReason.AGENT_GONE;
    }
    FrameworkDemand framework = frameworks.get(offer.frameworkId());
    if (framework == null || !framework.active()) {
      return RescindReason.FRAMEWORK_GONE;
    }
    long timeout = settings.offerTimeoutMillis();
    if (timeout > 0 && offer.createdAtMillis() + timeout <= now) {
      return RescindReason.EXPIRED;
    }
    return null;
  }

  private static Resources available(AgentSlot agent, Resources offered) {
    Resources held = agent.used().plus(offered);
    // over-committed only through a bookkeeping bug elsewhere; offer nothing rather than fail
    return agent.total().contains(held) ? agent.total().minus(held) : Resources.EMPTY;
  }

  private boolean isOfferable(Resources available) {
    return !available.isEmpty()
        && (available.cpus() >= settings.minOfferCpus()
            || available.mem() >= settings.minOfferMemMb());
  }

  // sorted first, so that the order depends on the generator alone, not on the snapshot's order
  private List<AgentSlot> shuffled(List<AgentSlot> agents) {
    List<AgentSlot> order = new ArrayList<>(agents);
    order.sort(Comparator.comparing(AgentSlot::agentId));
    for (int i = order.size() - 1; i > 0; i--) {
      int j = agentShuffle.nextInt(i + 1);
      AgentSlot swapped = order.get(i);
      order.set(i, order.get(j));
      order.set(j, swapped);
    }
    return order;
  }
}
