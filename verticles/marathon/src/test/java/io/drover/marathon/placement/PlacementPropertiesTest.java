package io.drover.marathon.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.Constraint;
import io.drover.resources.Attributes;
import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class PlacementPropertiesTest {

  private final OfferMatcher matcher = new OfferMatcher();

  @Property
  void placeAllNeverTakesMoreThanTheOfferHolds(@ForAll("apps") AppDefinition app, @ForAll("offers") AgentOffer offer,
      @ForAll("placements") List<Placement> placed, @ForAll @IntRange(min = 1, max = 20) int wanted) {
    OfferPlan plan = matcher.placeAll(app, wanted, offer, placed);
    Statistics.label("tasks placed").collect(Math.min(plan.matches().size(), 3));

    assertThat(plan.matches().size()).isLessThanOrEqualTo(wanted);
    assertThat(offer.resources().contains(plan.taken())).isTrue();
    assertThat(plan.taken().plus(plan.remaining())).isEqualTo(offer.resources());
    // no port goes to two tasks
    long portsOfMatches = plan.matches().stream().mapToLong(m -> m.resources().ports().size()).sum();
    assertThat(plan.taken().ports().size()).isEqualTo(portsOfMatches);
    for (Match match : plan.matches()) {
      assertThat(match.hostPorts()).hasSize(app.hostPorts().size());
      assertThat(RangeSet.of(match.hostPorts().stream().mapToLong(p -> p).toArray()))
          .isEqualTo(match.resources().ports());
    }
    assertThat(plan.stoppedBy().isPresent()).isEqualTo(plan.matches().size() < wanted);
  }

  @Property
  void placeAllNeverBreaksUniqueOrMaxPer(@ForAll("apps") AppDefinition resources,
      @ForAll @IntRange(min = 1, max = 3) int maxPerRack, @ForAll("offers") AgentOffer offer,
      @ForAll("placements") List<Placement> placed, @ForAll @IntRange(min = 1, max = 20) int wanted) {
    AppDefinition unique = withConstraint(resources, new Constraint("hostname", Constraint.Operator.UNIQUE, null));
    AppDefinition maxPer =
        withConstraint(resources, new Constraint("rack", Constraint.Operator.MAX_PER, Integer.toString(maxPerRack)));

    int onHost = (int) placed.stream().filter(p -> p.hostname().equals(offer.hostname())).count();
    int uniquePlaced = matcher.placeAll(unique, wanted, offer, placed).matches().size();
    Statistics.label("placed under UNIQUE").collect(uniquePlaced);
    assertThat(onHost + uniquePlaced).isLessThanOrEqualTo(Math.max(1, onHost));

    Optional<String> rack = offer.attributes().get("rack");
    int onRack = (int) placed.stream().filter(p -> p.attributes().get("rack").equals(rack)).count();
    int maxPerPlaced = matcher.placeAll(maxPer, wanted, offer, placed).matches().size();
    Statistics.label("placed under MAX_PER").collect(Math.min(maxPerPlaced, 3));
    if (rack.isEmpty()) {
      assertThat(maxPerPlaced).isZero();
    } else {
      assertThat(onRack + maxPerPlaced).isLessThanOrEqualTo(Math.max(maxPerRack, onRack));
    }
  }

  @Provide
  Arbitrary<AppDefinition> apps() {
    Arbitrary<Integer> cpuThousandths = Arbitraries.integers().between(0, 2_000);
    Arbitrary<Integer> mem = Arbitraries.integers().between(0, 512);
    Arbitrary<Integer> dynamicPorts = Arbitraries.integers().between(0, 3);
    Arbitrary<Optional<Integer>> requiredPort = Arbitraries.integers().between(31_000, 31_020).optional(0.25);
    return Combinators.combine(cpuThousandths, mem, dynamicPorts, requiredPort)
        .as((cpus, memory, dynamic, required) -> {
      Fixtures.TestApp app = Fixtures.app("cpus:" + cpus / 1000.0 + ";mem:" + memory);
      for (int i = 0; i < dynamic; i++) {
        app.ports(0);
      }
      required.ifPresent(port -> app.ports(port).requirePorts());
      return app.build();
    });
  }

  @Provide
  Arbitrary<AgentOffer> offers() {
    Arbitrary<Integer> cpuThousandths = Arbitraries.integers().between(0, 8_000);
    Arbitrary<Integer> mem = Arbitraries.integers().between(0, 4_096);
    // mostly one block with a few holes, as agents offer them
    Arbitrary<RangeSet> ports = Arbitraries.longs().between(31_000, 31_020).array(long[].class).ofMaxSize(5)
        .map(holes -> RangeSet.between(31_000, 31_020).minus(RangeSet.of(holes)));
    return Combinators.combine(cpuThousandths, mem, ports, hosts(), racks()).as((cpus, memory, portSet, host, rack) ->
        new AgentOffer("agent-" + host, host, rack,
            Resources.of(cpus / 1000.0, memory, 0, portSet)));
  }

  @Provide
  Arbitrary<List<Placement>> placements() {
    return Combinators.combine(hosts(), racks())
        .as((host, rack) -> new Placement("agent-" + host, host, rack))
        .list()
        .ofMaxSize(4);
  }

  private static Arbitrary<String> hosts() {
    return Arbitraries.of("host-1", "host-2", "host-3");
  }

  private static Arbitrary<Attributes> racks() {
    return Arbitraries.of("rack:r1", "rack:r2", "zone:a").map(Attributes::parse);
  }

  private static AppDefinition withConstraint(AppDefinition app, Constraint constraint) {
    Fixtures.TestApp copy = Fixtures.app("cpus:" + app.cpus() + ";mem:" + app.mem());
    copy.ports(app.hostPorts().toArray(Integer[]::new));
    if (app.requirePorts()) {
      copy.requirePorts();
    }
    copy.constraints(constraint.field() + ":" + constraint.operator()
        + (constraint.value() == null ? "" : ":" + constraint.value()));
    return copy.build();
  }
}
