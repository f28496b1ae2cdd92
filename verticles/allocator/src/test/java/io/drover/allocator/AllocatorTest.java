package io.drover.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AllocatorTest {

  private static final long NOW = 100_000;

  private final Allocator allocator = new Allocator(AllocatorSettings.defaults(), new Random(7));

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  private static AgentSlot agent(String id, String total) {
    return new AgentSlot(id, id + ".example.org", r(total), Resources.EMPTY, true);
  }

  private static AgentSlot agent(String id, String total, String used) {
    return new AgentSlot(id, id + ".example.org", r(total), r(used), true);
  }

  private static AgentSlot inactive(AgentSlot agent) {
    return new AgentSlot(agent.agentId(), agent.hostname(), agent.total(), agent.used(), false);
  }

  private static FrameworkDemand framework(String id) {
    return new FrameworkDemand(id, true, false, Resources.EMPTY);
  }

  private static FrameworkDemand framework(String id, String used) {
    return new FrameworkDemand(id, true, false, r(used));
  }

  private static FrameworkDemand suppressed(String id) {
    return new FrameworkDemand(id, true, true, Resources.EMPTY);
  }

  private static FrameworkDemand disconnected(String id) {
    return new FrameworkDemand(id, false, false, Resources.EMPTY);
  }

  private static OutstandingOffer offer(String id, String framework, String agent, String res) {
    return new OutstandingOffer(id, framework, agent, r(res), NOW - 1_000);
  }

  private static AllocationSnapshot snapshot(List<AgentSlot> agents, List<FrameworkDemand> fws) {
    return new AllocationSnapshot(agents, fws, List.of(), List.of(), NOW);
  }

  private static List<String> grantedAgents(Allocation allocation, String frameworkId) {
    List<String> agents = new ArrayList<>();
    for (OfferGrant grant : allocation.grants()) {
      if (grant.frameworkId().equals(frameworkId)) {
        agents.add(grant.agentId());
      }
    }
    return agents;
  }

  @Test
  void aSingleFrameworkIsOfferedEveryAgentWhole() {
    List<AgentSlot> agents =
        List.of(
            agent("s1", "cpus:4;mem:4096;ports:[31000-32000]"),
            agent("s2", "cpus:2;mem:1024", "cpus:1;mem:24"),
            agent("s3", "cpus:8;mem:8192;gpus:1"));

    Allocation allocation = allocator.allocate(snapshot(agents, List.of(framework("a"))));

    assertThat(allocation.grants())
        .containsExactlyInAnyOrder(
            new OfferGrant("a", "*", "s1", r("cpus:4;mem:4096;ports:[31000-32000]")),
            new OfferGrant("a", "*", "s2", r("cpus:1;mem:1000")),
            new OfferGrant("a", "*", "s3", r("cpus:8;mem:8192;gpus:1")));
    assertThat(allocation.rescinds()).isEmpty();
    assertThat(allocation.notOffered()).isEmpty();
  }

  @Test
  void twoFrameworksSplitTheAgentsByDominantShare() {
    List<AgentSlot> agents =
        List.of(
            agent("s0", "cpus:10;mem:10", "cpus:10;mem:10"),
            agent("s1", "cpus:10;mem:10"),
            agent("s2", "cpus:10;mem:10"),
            agent("s3", "cpus:10;mem:10"));
    List<FrameworkDemand> frameworks =
        List.of(framework("a", "cpus:6;mem:6"), framework("b", "cpus:4;mem:4"));

    Allocation allocation = allocator.allocate(snapshot(agents, frameworks));

    // cluster cpus:40;mem:40. shares: a = .15, b = .10
    // first free agent -> b (b = .35); second -> a (a = .40); third -> b (b = .60)
    assertThat(grantedAgents(allocation, "a")).hasSize(1);
    assertThat(grantedAgents(allocation, "b")).hasSize(2);
    assertThat(allocation.grants().get(0).frameworkId()).isEqualTo("b");
    assertThat(allocation.grants().get(1).frameworkId()).isEqualTo("a");
    assertThat(allocation.grants().get(2).frameworkId()).isEqualTo("b");
    assertThat(allocation.notOffered()).isEmpty();
  }

  @Test
  void equalSharesGoByFrameworkId() {
    List<AgentSlot> agents = List.of(agent("s1", "cpus:5;mem:5"));

    Allocation allocation =
        allocator.allocate(snapshot(agents, List.of(framework("b"), framework("a"))));

    assertThat(allocation.grants()).containsExactly(new OfferGrant("a", "*", "s1", r("cpus:5;mem:5")));
    assertThat(allocation.notOffered().get("b"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.NO_FREE_RESOURCES,
                "free resources on 1 of 1 agent went to frameworks with a lower dominant share"));
  }

  @Test
  void aSuppressedFrameworkIsOfferedNothing() {
    List<AgentSlot> agents = List.of(agent("s1", "cpus:5;mem:5"), agent("s2", "cpus:5;mem:5"));

    Allocation allocation =
        allocator.allocate(snapshot(agents, List.of(suppressed("a"), framework("b", "cpus:9"))));

    assertThat(grantedAgents(allocation, "a")).isEmpty();
    assertThat(grantedAgents(allocation, "b")).containsExactlyInAnyOrder("s1", "s2");
    assertThat(allocation.notOffered().get("a").reason()).isEqualTo(NotOfferedReason.SUPPRESSED);
    assertThat(allocation.notOffered().get("a").message())
        .isEqualTo("suppressed offers; revive to receive offers again");
  }

  @Test
  void aDeclineFilterBlocksTheAgentUntilItExpires() {
    List<AgentSlot> agents = List.of(agent("s1", "cpus:5;mem:5"));
    DeclineFilter filter = new DeclineFilter("a", "s1", NOW + 5_000);

    Allocation whileLive =
        allocator.allocate(
            new AllocationSnapshot(
                agents, List.of(framework("a")), List.of(), List.of(filter), NOW));

    assertThat(whileLive.grants()).isEmpty();
    assertThat(whileLive.liveFilters()).containsExactly(filter);
    assertThat(whileLive.notOffered().get("a"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.FILTERED,
                "declined the only agent with free resources (filter live)"));

    Allocation afterExpiry =
        allocator.allocate(
            new AllocationSnapshot(
                agents, List.of(framework("a")), List.of(), List.of(filter), NOW + 5_000));

    assertThat(afterExpiry.liveFilters()).isEmpty();
    assertThat(afterExpiry.grants()).containsExactly(new OfferGrant("a", "*", "s1", r("cpus:5;mem:5")));
    assertThat(afterExpiry.notOffered()).isEmpty();
  }

  @Test
  void aFilteredAgentGoesToTheNextFrameworkInOrder() {
    List<AgentSlot> agents =
        List.of(
            agent("s1", "cpus:5;mem:5"), agent("s2", "cpus:5;mem:5"), agent("s3", "cpus:5;mem:5"));
    List<DeclineFilter> filters =
        List.of(
            new DeclineFilter("a", "s1", NOW + 1),
            new DeclineFilter("a", "s2", NOW + 1),
            new DeclineFilter("a", "s3", NOW + 1),
            new DeclineFilter("b", "s1", NOW));

    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents,
                List.of(framework("a"), framework("b", "cpus:15")),
                List.of(),
                filters,
                NOW));

    assertThat(grantedAgents(allocation, "b")).containsExactlyInAnyOrder("s1", "s2", "s3");
    assertThat(allocation.liveFilters()).hasSize(3);
    assertThat(allocation.notOffered().get("a"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.FILTERED,
                "declined all 3 agents with free resources (filters live)"));
  }

  @Test
  void aFrameworkHoldsOneOfferPerAgent() {
    List<AgentSlot> agents = List.of(agent("s1", "cpus:4;mem:4096"));
    List<OutstandingOffer> offers = List.of(offer("o1", "a", "s1", "cpus:2;mem:2048"));

    Allocation alone =
        allocator.allocate(
            new AllocationSnapshot(agents, List.of(framework("a")), offers, List.of(), NOW));

    assertThat(alone.grants()).isEmpty();
    assertThat(alone.notOffered().get("a"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.HOLDING_OFFERS,
                "already holds an offer on the only agent with free resources"));

    Allocation withOther =
        allocator.allocate(
            new AllocationSnapshot(
                agents, List.of(framework("a"), framework("b", "cpus:4")), offers, List.of(), NOW));

    // the rest of s1 goes to b, although b's share (cpus 4/4 = 1) is above a's (2/4 = .5)
    assertThat(withOther.grants()).containsExactly(new OfferGrant("b", "*", "s1", r("cpus:2;mem:2048")));
  }

  @Test
  void aFrameworkWhoseOffersHoldEverythingIsToldSo() {
    List<AgentSlot> agents =
        List.of(agent("s1", "cpus:4;mem:4096"), agent("s2", "cpus:4;mem:4096"));
    List<OutstandingOffer> offers =
        List.of(
            offer("o1", "a", "s1", "cpus:4;mem:4096"), offer("o2", "a", "s2", "cpus:4;mem:4096"));

    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(agents, List.of(framework("a")), offers, List.of(), NOW));

    assertThat(allocation.grants()).isEmpty();
    assertThat(allocation.notOffered().get("a"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.HOLDING_OFFERS,
                "holds 2 offers, and no agent has resources left to offer"));
  }

  @Test
  void outstandingOffersCountInTheDominantShare() {
    List<AgentSlot> agents =
        List.of(
            agent("s1", "cpus:10;mem:10"),
            agent("s2", "cpus:10;mem:10"),
            agent("s3", "cpus:10;mem:10"));
    List<OutstandingOffer> offers = List.of(offer("o1", "a", "s1", "cpus:10;mem:10"));

    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents, List.of(framework("a"), framework("b", "cpus:3")), offers, List.of(), NOW));

    // cluster cpus:30;mem:30. shares: a = 10/30 (its offer), b = 3/30
    // first free agent -> b (b = 13/30); second -> a (10/30 < 13/30)
    assertThat(grantedAgents(allocation, "a")).hasSize(1);
    assertThat(grantedAgents(allocation, "b")).hasSize(1);
    assertThat(allocation.grants().get(0).frameworkId()).isEqualTo("b");
  }

  @Test
  void offersExpireAndTheirResourcesAreOfferedAgain() {
    List<AgentSlot> agents = List.of(agent("s1", "cpus:4;mem:4096"));
    OutstandingOffer old = new OutstandingOffer("o1", "a", "s1", r("cpus:4;mem:4096"), NOW);
    AllocatorSettings settings = AllocatorSettings.defaults();

    Allocation justBefore =
        allocator.allocate(
            new AllocationSnapshot(
                agents,
                List.of(framework("a"), framework("b")),
                List.of(old),
                List.of(),
                NOW + settings.offerTimeoutMillis() - 1));

    assertThat(justBefore.rescinds()).isEmpty();
    assertThat(justBefore.grants()).isEmpty();

    Allocation atTimeout =
        allocator.allocate(
            new AllocationSnapshot(
                agents,
                List.of(framework("a"), framework("b")),
                List.of(old),
                List.of(),
                NOW + settings.offerTimeoutMillis()));

    assertThat(atTimeout.rescinds()).containsExactly(new Rescind("o1", RescindReason.EXPIRED));
    // shares after the rescind: a = b = 0, so a by id
    assertThat(atTimeout.grants()).containsExactly(new OfferGrant("a", "*", "s1", r("cpus:4;mem:4096")));
  }

  @Test
  void aZeroTimeoutNeverExpiresOffers() {
    Allocator patient = new Allocator(new AllocatorSettings(0, 0.01, 32), new Random(1));
    OutstandingOffer ancient = new OutstandingOffer("o1", "a", "s1", r("cpus:1"), 0);

    Allocation allocation =
        patient.allocate(
            new AllocationSnapshot(
                List.of(agent("s1", "cpus:1")),
                List.of(framework("a")),
                List.of(ancient),
                List.of(),
                Long.MAX_VALUE / 2));

    assertThat(allocation.rescinds()).isEmpty();
  }

  @Test
  void offersOnAnInactiveOrUnknownAgentAreRescinded() {
    List<AgentSlot> agents =
        List.of(inactive(agent("s1", "cpus:4;mem:4096")), agent("s2", "cpus:1;mem:64"));
    List<OutstandingOffer> offers =
        List.of(offer("o1", "a", "s1", "cpus:4;mem:4096"), offer("o2", "a", "gone", "cpus:1"));

    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(agents, List.of(framework("a")), offers, List.of(), NOW));

    assertThat(allocation.rescinds())
        .containsExactly(
            new Rescind("o1", RescindReason.AGENT_GONE),
            new Rescind("o2", RescindReason.AGENT_GONE));
    assertThat(allocation.grants()).containsExactly(new OfferGrant("a", "*", "s2", r("cpus:1;mem:64")));
  }

  @Test
  void offersToAnInactiveOrUnknownFrameworkAreRescindedAndOfferedToOthers() {
    List<AgentSlot> agents =
        List.of(agent("s1", "cpus:4;mem:4096"), agent("s2", "cpus:4;mem:4096"));
    List<OutstandingOffer> offers =
        List.of(
            offer("o1", "a", "s1", "cpus:4;mem:4096"),
            offer("o2", "gone", "s2", "cpus:4;mem:4096"));

    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents, List.of(disconnected("a"), framework("b")), offers, List.of(), NOW));

    assertThat(allocation.rescinds())
        .containsExactly(
            new Rescind("o1", RescindReason.FRAMEWORK_GONE),
            new Rescind("o2", RescindReason.FRAMEWORK_GONE));
    assertThat(grantedAgents(allocation, "b")).containsExactlyInAnyOrder("s1", "s2");
    assertThat(allocation.notOffered()).doesNotContainKey("a");
  }

  @Test
  void anAgentBelowTheMinimumIsNotOffered() {
    List<AgentSlot> agents =
        List.of(
            agent("tiny", "cpus:0.009;mem:31;disk:1000;ports:[31000-32000]"),
            agent("cpu-only", "cpus:0.01"),
            agent("mem-only", "mem:32"));

    Allocation allocation = allocator.allocate(snapshot(agents, List.of(framework("a"))));

    assertThat(grantedAgents(allocation, "a")).containsExactlyInAnyOrder("cpu-only", "mem-only");
  }

  @Test
  void withNothingFreeTheReasonIsNoFreeResources() {
    List<AgentSlot> agents =
        List.of(
            agent("s1", "cpus:4;mem:64", "cpus:4;mem:64"),
            agent("s2", "cpus:4;mem:64", "cpus:3.995;mem:40"));

    Allocation allocation = allocator.allocate(snapshot(agents, List.of(framework("a"))));

    assertThat(allocation.grants()).isEmpty();
    assertThat(allocation.notOffered().get("a"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.NO_FREE_RESOURCES,
                "no free resources on any of the 2 active agents"));
  }

  @Test
  void withoutActiveAgentsTheReasonIsNoAgents() {
    Allocation none = allocator.allocate(snapshot(List.of(), List.of(framework("a"))));
    Allocation allInactive =
        allocator.allocate(
            snapshot(List.of(inactive(agent("s1", "cpus:4;mem:64"))), List.of(framework("a"))));

    assertThat(none.notOffered().get("a"))
        .isEqualTo(new NotOffered(NotOfferedReason.NO_AGENTS, "no agents registered"));
    assertThat(allInactive.grants()).isEmpty();
    assertThat(allInactive.notOffered().get("a"))
        .isEqualTo(
            new NotOffered(
                NotOfferedReason.NO_AGENTS, "no active agents (1 agent registered, none active)"));
  }

  @Test
  void anOverCommittedAgentOffersNothing() {
    List<AgentSlot> agents = List.of(agent("s1", "cpus:4;mem:4096", "cpus:3;mem:1024"));
    List<OutstandingOffer> offers = List.of(offer("o1", "a", "s1", "cpus:2;mem:1024"));

    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents, List.of(framework("a"), framework("b")), offers, List.of(), NOW));

    assertThat(allocation.grants()).isEmpty();
  }

  @Test
  void theSameSeedGivesTheSameAllocation() {
    List<AgentSlot> agents = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      agents.add(agent("s" + i, "cpus:" + (1 + i % 4) + ";mem:" + (512 * (1 + i % 3))));
    }
    List<FrameworkDemand> frameworks =
        List.of(framework("a", "cpus:3"), framework("b", "mem:2048"), framework("c"));
    List<AgentSlot> reversed = new ArrayList<>(agents);
    Collections.reverse(reversed);

    Allocation first =
        new Allocator(AllocatorSettings.defaults(), new Random(42))
            .allocate(snapshot(agents, frameworks));
    Allocation second =
        new Allocator(AllocatorSettings.defaults(), new Random(42))
            .allocate(snapshot(agents, frameworks));
    Allocation listedBackwards =
        new Allocator(AllocatorSettings.defaults(), new Random(42))
            .allocate(snapshot(reversed, frameworks));
    Allocation otherSeed =
        new Allocator(AllocatorSettings.defaults(), new Random(43))
            .allocate(snapshot(agents, frameworks));

    assertThat(second).isEqualTo(first);
    assertThat(listedBackwards).isEqualTo(first);
    assertThat(otherSeed.grants()).hasSameSizeAs(first.grants()).isNotEqualTo(first.grants());
  }
}
