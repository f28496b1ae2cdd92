package io.drover.allocator;

import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mesos's hierarchical DRF allocator as a function: {@link #allocate} takes a snapshot of the
 * cluster and returns the offers to rescind and to make, touching nothing else. One call is one
 * allocation cycle:
 *
 * <ol>
 *   <li>decline filters that have expired are dropped;
 *   <li>outstanding offers are rescinded when their agent or framework is gone or inactive, when
 *       the framework left the offer's role, or when they are older than the offer timeout; their
 *       resources are free again at once;
 *   <li>an agent's free resources are its total less what its tasks use and what its remaining
 *       offers hold;
 *   <li>the agents with enough free resources are offered, in a random order, in Mesos's two
 *       stages ({@link Grants}): roles short of their quota guarantee get what they lack, then
 *       roles in hierarchical DRF order ({@link RoleSorter}) get what is left, within their quota
 *       limits and keeping back what unmet guarantees need; within a role, the first framework in
 *       DRF order ({@link DrfSorter}) that subscribed with it, is active, not suppressed, not
 *       filtering that agent for that role and not holding an offer of it for that role already
 *       takes the offer;
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
        filtered.add(filter.agentId(), filter.role(), filter.frameworkId());
      }
    }

    List<Rescind> rescinds = new ArrayList<>();
    Map<String, Resources> offeredOnAgent = new HashMap<>();
    Map<String, Reservations> offeredReservedOnAgent = new HashMap<>();
    Map<String, Map<String, Resources>> offeredByRole = new HashMap<>();
    Map<String, Integer> heldOffers = new HashMap<>();
    AgentFrameworkPairs holding = new AgentFrameworkPairs();
    for (OutstandingOffer offer : snapshot.offers()) {
      RescindReason reason = rescindReason(offer, agents, frameworks, now);
      if (reason != null) {
        rescinds.add(new Rescind(offer.offerId(), reason));
        continue;
      }
      offeredOnAgent.merge(offer.agentId(), offer.resources(), Resources::plus);
      offeredReservedOnAgent.merge(
          offer.agentId(), Reservations.NONE.plus(offer.role(), offer.reserved()), Reservations::plus);
      offeredByRole
          .computeIfAbsent(offer.frameworkId(), id -> new HashMap<>())
          .merge(offer.role(), offer.resources(), Resources::plus);
      heldOffers.merge(offer.frameworkId(), 1, Integer::sum);
      holding.add(offer.agentId(), offer.role(), offer.frameworkId());
    }

    List<AgentSlot> activeAgents = new ArrayList<>();
    Resources clusterTotal = Resources.EMPTY;
    for (AgentSlot agent : snapshot.agents()) {
      if (agent.active()) {
        activeAgents.add(agent);
        clusterTotal = clusterTotal.plus(agent.total());
      }
    }
    Grants.Shares shares = shares(snapshot, clusterTotal, offeredByRole);
    Map<String, FreeOnAgent> free = new LinkedHashMap<>();
    Resources freeTotal = Resources.EMPTY;
    for (AgentSlot agent : shuffled(activeAgents)) {
      FreeOnAgent available =
          FreeOnAgent.of(
              agent,
              offeredOnAgent.getOrDefault(agent.agentId(), Resources.EMPTY),
              offeredReservedOnAgent.getOrDefault(agent.agentId(), Reservations.NONE));
      if (isOfferable(available)) {
        free.put(agent.agentId(), available);
        if (!snapshot.quotas().isEmpty()) {
          // reserved resources are no one else's: only what anyone may take counts toward headroom
          freeTotal = freeTotal.plus(available.unreserved().scalarsOnly());
        }
      }
    }
    QuotaBook quotas = new QuotaBook(snapshot.quotas(), shares.heldByRole(), freeTotal);
    Grants grants =
        new Grants(shares, quotas, free, this::isOfferable, this::isOfferable, filtered, holding).make();
    List<String> offerableAgents = new ArrayList<>(free.keySet());

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
      if (framework.active() && !grants.granted().contains(framework.frameworkId())) {
        notOffered.put(framework.frameworkId(), reasons.explain(framework));
      }
    }
    return new Allocation(rescinds, grants.grants(), liveFilters, notOffered);
  }

  /**
   * The sorters of one cycle. Every role that holds resources counts in the role order, so that a
   * parent's share includes its children's; only roles with an offerable framework get a framework
   * sorter, and a framework is in the sorter of each role it subscribed with, holding what its tasks
   * and offers hold in that role.
   */
  private static Grants.Shares shares(
      AllocationSnapshot snapshot,
      Resources clusterTotal,
      Map<String, Map<String, Resources>> offeredByRole) {
    Map<String, Resources> byRole = new HashMap<>();
    Map<String, Map<String, Resources>> frameworksByRole = new HashMap<>();
    for (FrameworkDemand framework : snapshot.frameworks()) {
      Map<String, Resources> held = new HashMap<>(framework.usedByRole());
      offeredByRole
          .getOrDefault(framework.frameworkId(), Map.of())
          .forEach((role, offered) -> held.merge(role, offered, Resources::plus));
      held.forEach((role, resources) -> byRole.merge(role, resources, Resources::plus));
      if (framework.active() && !framework.suppressed()) {
        for (String role : framework.roles()) {
          frameworksByRole
              .computeIfAbsent(role, r -> new HashMap<>())
              .put(framework.frameworkId(), held.getOrDefault(role, Resources.EMPTY));
        }
      }
    }
    RoleSorter roles = new RoleSorter(clusterTotal, byRole, snapshot.weights());
    Map<String, DrfSorter> sorters = new HashMap<>();
    frameworksByRole.forEach(
        (role, allocations) -> {
          roles.add(role);
          sorters.put(role, new DrfSorter(clusterTotal, allocations));
        });
    return new Grants.Shares(roles, sorters, byRole);
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
    if (!framework.roles().contains(offer.role())) {
      return RescindReason.ROLE_LEFT;
    }
    long timeout = settings.offerTimeoutMillis();
    if (timeout > 0 && offer.createdAtMillis() + timeout <= now) {
      return RescindReason.EXPIRED;
    }
    return null;
  }

  /** Whether anything free on the agent, for anyone or for a role, is worth an offer. */
  private boolean isOfferable(FreeOnAgent free) {
    if (isOfferable(free.unreserved())) {
      return true;
    }
    for (Resources reserved : free.reserved().byRole().values()) {
      if (isOfferable(reserved)) {
        return true;
      }
    }
    return false;
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
