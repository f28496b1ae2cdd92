package io.drover.resources;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourcesPropertiesTest {

  @Property
  void subtractingWhatWasAddedGivesBackTheStart(
      @ForAll("lowPorts") Resources a, @ForAll("highPorts") Resources b) {
    // ports are sets, so this holds when a and b hold different ports, as two tasks do
    assertThat(a.plus(b).minus(b)).isEqualTo(a);
  }

  @Property
  void aSumContainsBothParts(@ForAll("lowPorts") Resources a, @ForAll("lowPorts") Resources b) {
    assertThat(a.plus(b).contains(b)).isTrue();
    assertThat(a.plus(b).contains(a)).isTrue();
    assertThat(a.plus(b).shortfall(b)).isEmpty();
  }

  @Property
  void theTextReadsBackAsTheSameResources(@ForAll("lowPorts") Resources a) {
    assertThat(Resources.parse(a.toString())).isEqualTo(a);
  }

  @Property
  void rangeSetsFollowSetAlgebra(@ForAll("rangeSets") RangeSet x, @ForAll("rangeSets") RangeSet y) {
    assertThat(x.plus(y).minus(y)).isEqualTo(x.minus(y));
    assertThat(x.plus(y).contains(x)).isTrue();
    assertThat(x.minus(y).plus(y)).isEqualTo(x.plus(y));
    assertThat(x.minus(y).values().noneMatch(y::contains)).isTrue();
    assertThat(x.plus(y).size())
        .isEqualTo(x.values().filter(v -> !y.contains(v)).count() + y.size());
    assertThat(RangeSet.parse(x.toString())).isEqualTo(x);
  }

  @Provide
  Arbitrary<Resources> lowPorts() {
    return resources(0, 999);
  }

  @Provide
  Arbitrary<Resources> highPorts() {
    return resources(1000, 1999);
  }

  @Provide
  Arbitrary<RangeSet> rangeSets() {
    return Arbitraries.longs().between(0, 60).array(long[].class).ofMaxSize(30).map(RangeSet::of);
  }

  private static Arbitrary<Resources> resources(long lowestPort, long highestPort) {
    Arbitrary<Double> amounts =
        Arbitraries.integers().between(0, 100_000).map(thousandths -> thousandths / 1000.0);
    Arbitrary<RangeSet> ports =
        Arbitraries.longs()
            .between(lowestPort, highestPort)
            .array(long[].class)
            .ofMaxSize(20)
            .map(RangeSet::of);
    return Combinators.combine(amounts, amounts, amounts, amounts, ports)
        .as(
            (cpus, mem, disk, gpus, portSet) ->
                Resources.builder()
                    .scalar("cpus", cpus)
                    .scalar("mem", mem)
                    .scalar("disk", disk)
                    .scalar("gpus", gpus)
                    .ranges("ports", portSet)
                    .build());
  }
}
