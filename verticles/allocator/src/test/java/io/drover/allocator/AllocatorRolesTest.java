package io.drover.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hierarchical DRF through the whole allocator: roles, their weights, frameworks in several roles. */
class AllocatorRolesTest {

  private static final long NOW = 100_000;

  private final Allocator allocator = new Allocator(AllocatorSettings.defaults(), new Random(7));

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  private static List<AgentSlot> agents(int count) {
    List<AgentSlot> agents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      agents.add(new AgentSlot("s" + i, "s" + i, r("cpus:1;mem:1024"), Resources.EMPTY, true));
    }
    return agents;
  }

  private static FrameworkDemand in(String id, Set<String> roles, Map<String, Resources> used) {
    return new FrameworkDemand(id, roles, true, false, used);
  }

  /** How many agents each role was granted. */
  private static Map<String, Integer> grantsByRole(Allocation allocation) {
    Map<String, Integer> counts = new HashMap<>();
    allocation.grants().forEach(g -> counts.merge(g.role(), 1, Integer::sum));
    return counts;
  }

  @Test
  void rolesOfWeightsOneAndThreeSplitAnEmptyClusterOneToThree() {
    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents(8),
                List.of(in("fa", Set.of("a"), Map.of()), in("fb", Set.of("b"), Map.of())),
                List.of(),
                List.of(),
                Map.of("a", 1.0, "b", 3.0),
                Map.of(),
                NOW));

    // 8 agents of 1/8 each: a stops at 2 (.25 / 1), b at 6 (.75 / 3 = .25)
    assertThat(grantsByRole(allocation)).isEqualTo(Map.of("a", 2, "b", 6));
    assertThat(allocation.grants())
        .allMatch(g -> g.frameworkId().equals(g.role().equals("a") ? "fa" : "fb"));
  }

  @Test
  void aFreedAgentGoesToTheRoleBelowItsWeightedShare() {
    // a holds 1 of 4 agents (.25 / 1), b holds 2 (.50 / 3 = .167): the free agent goes to b
    List<AgentSlot> agents = new ArrayList<>(agents(4));
    agents.replaceAll(
        a -> a.agentId().equals("s3") ? a : new AgentSlot(a.agentId(), a.hostname(), a.total(), a.total(), true));
    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents,
                List.of(
                    in("fa", Set.of("a"), Map.of("a", r("cpus:1;mem:1024"))),
                    in("fb", Set.of("b"), Map.of("b", r("cpus:2;mem:2048")))),
                List.of(),
                List.of(),
                Map.of("b", 3.0),
                Map.of(),
                NOW));

    assertThat(allocation.grants())
        .containsExactly(new OfferGrant("fb", "b", "s3", r("cpus:1;mem:1024")));
  }

  @Test
  void withinARoleFrameworksShareEvenlyWhateverTheRoleWeight() {
    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents(6),
                List.of(in("f1", Set.of("eng"), Map.of()), in("f2", Set.of("eng"), Map.of())),
                List.of(),
                List.of(),
                Map.of("eng", 5.0),
                Map.of(),
                NOW));

    Map<String, Integer> byFramework = new HashMap<>();
    allocation.grants().forEach(g -> byFramework.merge(g.frameworkId(), 1, Integer::sum));
    assertThat(byFramework).isEqualTo(Map.of("f1", 3, "f2", 3));
  }

  @Test
  void aFrameworkInTwoRolesIsOfferedForEachAndItsOffersCountInTheirRole() {
    // fx holds an offer on s0 for role x (1/4 of the cluster); role y holds nothing: y is offered next
    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents(4),
                List.of(in("fx", Set.of("x", "y"), Map.of()), in("fz", Set.of("z"), Map.of())),
                List.of(new OutstandingOffer("o1", "fx", "x", "s0", r("cpus:1;mem:1024"), Resources.EMPTY, NOW)),
                List.of(),
                Map.of(),
                Map.of(),
                NOW));

    // x .25, y and z 0; s0 is all offered, 3 agents are free: y (a tie with z won by name), z,
    // then x, y and z all at .25: x, by name. fx gets y's and x's, never on s0.
    assertThat(grantsByRole(allocation)).isEqualTo(Map.of("x", 1, "y", 1, "z", 1));
    assertThat(allocation.grants())
        .filteredOn(g -> g.frameworkId().equals("fx"))
        .extracting(OfferGrant::agentId)
        .doesNotContain("s0");
  }

  @Test
  void whatAChildRoleHoldsCountsAgainstItsParentsSiblings() {
    // eng/web holds 2 of 4 agents through a framework gone inactive; eng/db and ads want more
    Allocation allocation =
        allocator.allocate(
            new AllocationSnapshot(
                agents(4),
                List.of(
                    new FrameworkDemand(
                        "web", Set.of("eng/web"), false, false, Map.of("eng/web", r("cpus:2;mem:2048"))),
                    in("db", Set.of("eng/db"), Map.of()),
                    in("ads", Set.of("ads"), Map.of())),
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                NOW));

    // eng's subtree holds .5: ads takes agents while its share is at most that (.25, .5, a tie
    // won by name), so 3; the last goes to eng, and within eng to db (0) rather than web (.5)
    assertThat(grantsByRole(allocation)).isEqualTo(Map.of("ads", 3, "eng/db", 1));
  }
}
