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

/** Quota guarantees and limits through the whole allocator. */
class AllocatorQuotaTest {

  private static final long NOW = 100_000;
  private static final Resources AGENT = r("cpus:1;mem:1024");

  private final Allocator allocator = new Allocator(AllocatorSettings.defaults(), new Random(7));

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  /** {@code free} agents of one cpu with nothing used, after {@code full} agents used up. */
  private static List<AgentSlot> agents(int free, int full) {
    List<AgentSlot> agents = new ArrayList<>();
    for (int i = 0; i < free + full; i++) {
      agents.add(new AgentSlot("s" + i, "s" + i, AGENT, i < free ? Resources.EMPTY : AGENT, true));
    }
    return agents;
  }

  private static FrameworkDemand in(String id, String role, String used) {
    return new FrameworkDemand(id, Set.of(role), true, false, used.isEmpty() ? Map.of() : Map.of(role, r(used)));
  }

  private Allocation allocate(List<AgentSlot> agents, List<FrameworkDemand> frameworks,
      Map<String, RoleQuota> quotas) {
    return allocator.allocate(
        new AllocationSnapshot(agents, frameworks, List.of(), List.of(), Map.of(), quotas, NOW));
  }

  private static Map<String, Resources> byRole(Allocation allocation) {
    Map<String, Resources> granted = new HashMap<>();
    allocation.grants().forEach(g -> granted.merge(g.role(), g.resources(), Resources::plus));
    return granted;
  }

  private static RoleQuota guarantee(String guarantees) {
    return new RoleQuota(r(guarantees), Resources.EMPTY);
  }

  @Test
  void aRoleShortOfItsGuaranteeGetsWhatItLacksBeforeFairSharing() {
    // db holds 1 cpu of its 3 guaranteed; web holds 0: DRF alone would offer web first
    Allocation allocation =
        allocate(
            agents(3, 1),
            List.of(in("web", "web", ""), in("db", "db", "cpus:1;mem:1024")),
            Map.of("db", guarantee("cpus:3")));

    // stage 1: db gets the 2 cpus it lacks (with their agents' mem, which it has no guarantee on);
    // stage 2: web gets the last agent
    assertThat(byRole(allocation))
        .isEqualTo(Map.of("db", r("cpus:2;mem:2048"), "web", r("cpus:1;mem:1024")));
  }

  @Test
  void aGuaranteeIsHeldBackWhileItsRoleHasNoFrameworkToOfferTo() {
    // db is guaranteed 2 cpus but has no framework subscribed: 2 of the 3 free cpus stay unoffered
    Allocation allocation =
        allocate(agents(3, 0), List.of(in("web", "web", "")), Map.of("db", guarantee("cpus:2")));

    assertThat(byRole(allocation)).isEqualTo(Map.of("web", r("cpus:1;mem:1024")));
    assertThat(allocation.notOffered()).isEmpty();
  }

  @Test
  void aLimitIsNeverExceededAndOffersAreCutToIt() {
    // batch may hold 1.5 cpus and holds 0.5: of the free 3 agents it is offered 1 cpu in all
    Allocation allocation =
        allocate(
            agents(3, 0),
            List.of(in("batch", "batch", "cpus:0.5")),
            Map.of("batch", new RoleQuota(Resources.EMPTY, r("cpus:1.5"))));

    assertThat(byRole(allocation).get("batch").cpus()).isEqualTo(1.0);
    // the cut is of cpus only: what has no limit is offered as in Mesos, memory alone included
    assertThat(allocation.grants()).extracting(OfferGrant::resources)
        .containsExactlyInAnyOrder(r("cpus:1;mem:1024"), r("mem:1024"), r("mem:1024"));
  }

  @Test
  void aParentsLimitBoundsItsChildren() {
    Allocation allocation =
        allocate(
            agents(4, 0),
            List.of(in("a", "eng/a", "cpus:1"), in("b", "eng/b", "")),
            Map.of("eng", new RoleQuota(Resources.EMPTY, r("cpus:2"))));

    // eng holds 1 through eng/a; its children may take 1 more cpu between them
    assertThat(allocation.grants().stream().mapToDouble(g -> g.resources().cpus()).sum()).isEqualTo(1.0);
  }

  @Test
  void whatAGuaranteedRoleHoldsBeyondItsGuaranteeIsFairlyShared() {
    // db holds its guarantee already: no stage 1, and DRF puts web (0) before db (.5)
    Allocation allocation =
        allocate(
            agents(2, 2),
            List.of(in("web", "web", ""), in("db", "db", "cpus:2;mem:2048")),
            Map.of("db", guarantee("cpus:2")));

    assertThat(byRole(allocation).get("web")).isEqualTo(r("cpus:2;mem:2048"));
    assertThat(byRole(allocation)).doesNotContainKey("db");
  }
}
