package io.drover.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reserved resources through the whole allocator: offered to their role only. */
class AllocatorReservationsTest {

  private static final long NOW = 100_000;

  private final Allocator allocator = new Allocator(AllocatorSettings.defaults(), new Random(7));

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  /** cpus:4;mem:4096 of which cpus:2;mem:2048 are reserved for db, {@code usedByDb} of it in use. */
  private static AgentSlot agent(String id, String usedByDb) {
    return new AgentSlot(id, id, r("cpus:4;mem:4096"), r(usedByDb), true,
        Reservations.of(Map.of("db", r("cpus:2;mem:2048"))), Reservations.of(Map.of("db", r(usedByDb))));
  }

  private static FrameworkDemand in(String id, String role) {
    return new FrameworkDemand(id, Set.of(role), true, false, Map.of());
  }

  private Allocation allocate(List<AgentSlot> agents, List<FrameworkDemand> frameworks,
      List<OutstandingOffer> offers) {
    return allocator.allocate(new AllocationSnapshot(agents, frameworks, offers, List.of(), NOW));
  }

  @Test
  void aReservationIsOfferedToItsRoleOnlyAndTheRestToAnyone() {
    Allocation allocation = allocate(List.of(agent("s1", "")), List.of(in("web", "web"), in("db", "db")), List.of());

    // db (a tie won by name) is offered the free resources and its reservation; web nothing more
    assertThat(allocation.grants()).containsExactly(
        new OfferGrant("db", "db", "s1", r("cpus:4;mem:4096"), r("cpus:2;mem:2048")));
  }

  @Test
  void withoutAFrameworkOfItsRoleAReservationStaysUnoffered() {
    Allocation allocation = allocate(List.of(agent("s1", "")), List.of(in("web", "web")), List.of());

    assertThat(allocation.grants()).containsExactly(
        new OfferGrant("web", "web", "s1", r("cpus:2;mem:2048"), Resources.EMPTY));
  }

  @Test
  void whatIsLeftOfAReservationInUseOrOfferedIsStillItsRolesAlone() {
    // db's tasks use cpus:1;mem:1024 of its reservation; web holds an offer of what anyone may take
    Allocation allocation = allocate(List.of(agent("s1", "cpus:1;mem:1024")),
        List.of(in("web", "web"), in("db", "db")),
        List.of(new OutstandingOffer("o1", "web", "web", "s1", r("cpus:2;mem:2048"), Resources.EMPTY, NOW)));

    assertThat(allocation.grants()).containsExactly(
        new OfferGrant("db", "db", "s1", r("cpus:1;mem:1024"), r("cpus:1;mem:1024")));
  }
}
