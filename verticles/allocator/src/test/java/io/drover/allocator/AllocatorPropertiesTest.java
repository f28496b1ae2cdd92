package io.drover.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Safety rules of the allocator over random clusters and several allocation cycles, in which grants
 * become outstanding offers and frameworks accept, decline, disconnect, suppress and revive.
 */
class AllocatorPropertiesTest {

  private static final long TIMEOUT_MS = 30_000;

  @Property(tries = 300)
  void cyclesNeverOverCommitAnAgentNorOfferWhereTheyMayNot(
      @ForAll @Size(min = 1, max = 8) List<@From("agents") AgentSlot> agentList,
      @ForAll @Size(min = 1, max = 5) List<@From("frameworks") FrameworkDemand> frameworkList,
      @ForAll @IntRange(min = 1, max = 10) int cycles,
      @ForAll long seed) {
    Cluster cluster = new Cluster(agentList, frameworkList, new Random(seed));
    Allocator allocator =
        new Allocator(new AllocatorSettings(TIMEOUT_MS, 0.01, 32), new Random(seed + 1));

    for (int cycle = 0; cycle < cycles; cycle++) {
      AllocationSnapshot snapshot = cluster.snapshot();
      Allocation allocation = allocator.allocate(snapshot);

      checkRules(snapshot, allocation);
      cluster.apply(allocation);
      cluster.act();
    }
  }

  @Property(tries = 100)
  void theSameSeedGivesTheSameAllocation(
      @ForAll @Size(min = 1, max = 8) List<@From("agents") AgentSlot> agentList,
      @ForAll @Size(min = 1, max = 5) List<@From("frameworks") FrameworkDemand> frameworkList,
      @ForAll long seed) {
    AllocationSnapshot snapshot =
        new Cluster(agentList, frameworkList, new Random(seed)).snapshot();

    Allocation first =
        new Allocator(AllocatorSettings.defaults(), new Random(seed)).allocate(snapshot);
    Allocation second =
        new Allocator(AllocatorSettings.defaults(), new Random(seed)).allocate(snapshot);

    assertThat(second).isEqualTo(first);
  }

  private static void checkRules(AllocationSnapshot snapshot, Allocation allocation) {
    long now = snapshot.nowMillis();
    Map<String, FrameworkDemand> frameworks = new HashMap<>();
    for (FrameworkDemand framework : snapshot.frameworks()) {
      frameworks.put(framework.frameworkId(), framework);
    }
    Set<String> rescinded = new HashSet<>();
    for (Rescind rescind : allocation.rescinds()) {
      assertThat(rescinded.add(rescind.offerId())).as("rescinded once: %s", rescind).isTrue();
    }
    List<OutstandingOffer> remaining = new ArrayList<>();
    for (OutstandingOffer offer : snapshot.offers()) {
      if (!rescinded.contains(offer.offerId())) {
        remaining.add(offer);
      }
    }
    List<DeclineFilter> expectedLive = new ArrayList<>();
    Set<String> liveFilters = new HashSet<>();
    for (DeclineFilter filter : snapshot.filters()) {
      if (filter.expiresAtMillis() > now) {
        expectedLive.add(filter);
        liveFilters.add(filter.frameworkId() + "@" + filter.agentId());
      }
    }
    assertThat(allocation.liveFilters()).isEqualTo(expectedLive);

    Set<String> holding = new HashSet<>();
    for (OutstandingOffer offer : remaining) {
      holding.add(offer.frameworkId() + "@" + offer.agentId());
    }
    Set<String> grantedFrameworks = new HashSet<>();
    for (OfferGrant grant : allocation.grants()) {
      FrameworkDemand framework = frameworks.get(grant.frameworkId());
      String pair = grant.frameworkId() + "@" + grant.agentId();
      assertThat(framework).as("granted framework exists: %s", grant).isNotNull();
      assertThat(framework.active()).as("active: %s", grant).isTrue();
      assertThat(framework.suppressed()).as("not suppressed: %s", grant).isFalse();
      assertThat(liveFilters).as("not filtered: %s", grant).doesNotContain(pair);
      assertThat(holding).as("one offer per agent and framework: %s", grant).doesNotContain(pair);
      assertThat(grant.resources().isEmpty()).isFalse();
      grantedFrameworks.add(grant.frameworkId());
    }

    for (AgentSlot agent : snapshot.agents()) {
      List<Resources> parts = new ArrayList<>();
      parts.add(agent.used());
      for (OutstandingOffer offer : remaining) {
        if (offer.agentId().equals(agent.agentId())) {
          parts.add(offer.resources());
        }
      }
      int grantsHere = 0;
      for (OfferGrant grant : allocation.grants()) {
        if (grant.agentId().equals(agent.agentId())) {
          grantsHere++;
          parts.add(grant.resources());
        }
      }
      assertThat(grantsHere).as("grants on %s", agent.agentId()).isLessThanOrEqualTo(1);
      if (grantsHere > 0) {
        assertThat(agent.active()).as("granted agent is active: %s", agent.agentId()).isTrue();
      }
      Resources sum = Resources.EMPTY;
      long portCount = 0;
      for (Resources part : parts) {
        sum = sum.plus(part);
        portCount += part.ports().size();
      }
      assertThat(agent.total().contains(sum))
          .as("%s: used + offers + grants = %s within %s", agent.agentId(), sum, agent.total())
          .isTrue();
      assertThat(sum.ports().size())
          .as("no port held twice on %s", agent.agentId())
          .isEqualTo(portCount);
    }

    for (FrameworkDemand framework : snapshot.frameworks()) {
      boolean needsReason =
          framework.active() && !grantedFrameworks.contains(framework.frameworkId());
      assertThat(allocation.notOffered().containsKey(framework.frameworkId()))
          .as("reason for %s", framework.frameworkId())
          .isEqualTo(needsReason);
    }
  }

  @Provide
  Arbitrary<AgentSlot> agents() {
    Arbitrary<Integer> halfCpus = Arbitraries.integers().between(0, 16);
    Arbitrary<Integer> memMb = Arbitraries.integers().between(0, 64).map(n -> n * 64);
    Arbitrary<Integer> portCount = Arbitraries.integers().between(0, 10);
    Arbitrary<Integer> usedPercent = Arbitraries.integers().between(0, 100);
    return Combinators.combine(
            halfCpus, memMb, portCount, usedPercent, Arbitraries.of(true, true, false))
        .as(
            (cpus, mem, ports, percent, active) -> {
              RangeSet portSet =
                  ports == 0 ? RangeSet.EMPTY : RangeSet.between(31000, 31000 + ports - 1);
              Resources total = Resources.of(cpus / 2.0, mem, 0, portSet);
              Resources used =
                  Resources.of(
                      cpus / 2.0 * percent / 100,
                      mem * percent / 100,
                      0,
                      portSet.take(ports * percent / 100));
              return new AgentSlot("pending", "host", total, used, active);
            });
  }

  @Provide
  Arbitrary<FrameworkDemand> frameworks() {
    return Combinators.combine(
            Arbitraries.of(true, true, false),
            Arbitraries.of(false, false, true),
            Arbitraries.integers().between(0, 8))
        .as(
            (active, suppressed, cpus) ->
                new FrameworkDemand(
                    "pending", active, suppressed, Resources.of(cpus, 0, 0, RangeSet.EMPTY)));
  }

  /** A small cluster that lives through allocation cycles, driven by a seeded random. */
  private static final class Cluster {

    private final Random random;
    private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkDemand> frameworks = new LinkedHashMap<>();
    private final Map<String, OutstandingOffer> offers = new LinkedHashMap<>();
    private final List<DeclineFilter> filters = new ArrayList<>();
    private long now = 1_000_000;
    private int nextOfferId;

    Cluster(List<AgentSlot> agentList, List<FrameworkDemand> frameworkList, Random random) {
      this.random = random;
      for (AgentSlot agent : agentList) {
        String id = "s" + agents.size();
        agents.put(
            id, new AgentSlot(id, id + ".host", agent.total(), agent.used(), agent.active()));
      }
      for (FrameworkDemand framework : frameworkList) {
        String id = "f" + frameworks.size();
        frameworks.put(
            id,
            new FrameworkDemand(id, framework.active(), framework.suppressed(), framework.used()));
      }
      for (int i = 0; i < frameworks.size(); i++) {
        if (random.nextInt(3) == 0) {
          String agentId = "s" + random.nextInt(agents.size());
          filters.add(new DeclineFilter("f" + i, agentId, now + random.nextInt(3) * 1_000L));
        }
      }
    }

    AllocationSnapshot snapshot() {
      return new AllocationSnapshot(
          List.copyOf(agents.values()),
          List.copyOf(frameworks.values()),
          List.copyOf(offers.values()),
          filters,
          now);
    }

    void apply(Allocation allocation) {
      for (Rescind rescind : allocation.rescinds()) {
        offers.remove(rescind.offerId());
      }
      filters.retainAll(allocation.liveFilters());
      for (OfferGrant grant : allocation.grants()) {
        String id = "o" + nextOfferId++;
        offers.put(
            id,
            new OutstandingOffer(id, grant.frameworkId(), grant.agentId(), grant.resources(), now));
      }
      Set<String> pairs = new HashSet<>();
      for (OutstandingOffer offer : offers.values()) {
        assertThat(pairs.add(offer.frameworkId() + "@" + offer.agentId()))
            .as("never two outstanding offers for one agent and framework: %s", offer)
            .isTrue();
      }
    }

    void act() {
      for (OutstandingOffer offer : List.copyOf(offers.values())) {
        int choice = random.nextInt(10);
        if (choice < 2) {
          offers.remove(offer.offerId());
          filters.add(
              new DeclineFilter(
                  offer.frameworkId(), offer.agentId(), now + random.nextInt(4) * 1_000L));
        } else if (choice < 4) {
          offers.remove(offer.offerId());
          launch(offer);
        }
      }
      for (AgentSlot agent : List.copyOf(agents.values())) {
        int choice = random.nextInt(20);
        if (choice == 0) {
          replace(
              new AgentSlot(
                  agent.agentId(), agent.hostname(), agent.total(), agent.used(), !agent.active()));
        } else if (choice == 1) {
          // its tasks finished
          replace(
              new AgentSlot(
                  agent.agentId(),
                  agent.hostname(),
                  agent.total(),
                  Resources.EMPTY,
                  agent.active()));
        }
      }
      for (FrameworkDemand framework : List.copyOf(frameworks.values())) {
        int choice = random.nextInt(20);
        String id = framework.frameworkId();
        if (choice == 0) {
          frameworks.put(
              id,
              new FrameworkDemand(
                  id, !framework.active(), framework.suppressed(), framework.used()));
        } else if (choice == 1) {
          frameworks.put(
              id,
              new FrameworkDemand(
                  id, framework.active(), !framework.suppressed(), framework.used()));
        } else if (choice == 2) {
          filters.removeIf(filter -> filter.frameworkId().equals(id));
        }
      }
      now += random.nextInt(20) * 1_000L;
    }

    // the framework accepts the whole offer: its resources become the tasks' on both sides
    private void launch(OutstandingOffer offer) {
      AgentSlot agent = agents.get(offer.agentId());
      replace(
          new AgentSlot(
              agent.agentId(),
              agent.hostname(),
              agent.total(),
              agent.used().plus(offer.resources()),
              agent.active()));
      FrameworkDemand framework = frameworks.get(offer.frameworkId());
      frameworks.put(
          framework.frameworkId(),
          new FrameworkDemand(
              framework.frameworkId(),
              framework.active(),
              framework.suppressed(),
              framework.used().plus(offer.resources())));
    }

    private void replace(AgentSlot agent) {
      agents.put(agent.agentId(), agent);
    }
  }
}
