package io.drover.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.drover.resources.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleSorterTest {

  private static final Resources TOTAL = r("cpus:100;mem:1000");

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  @Test
  void aShareIsDividedByTheRoleWeight() {
    RoleSorter sorter =
        new RoleSorter(
            TOTAL, Map.of("a", r("cpus:10"), "b", r("cpus:24")), Map.of("b", 3.0));

    // a: .10 / 1 = .10; b: .24 / 3 = .08, so b first although it holds more
    assertThat(sorter.weightedShare("a")).isEqualTo(0.10);
    assertThat(sorter.weightedShare("b")).isCloseTo(0.08, within(1e-12));
    assertThat(sorter.sorted()).containsExactly("b", "a");
  }

  @Test
  void weightsOneAndThreeSplitTwelveEqualAgentsOneToThree() {
    RoleSorter sorter = new RoleSorter(r("cpus:12"), Map.of(), Map.of("b", 3.0));
    sorter.add("a");
    sorter.add("b");
    int a = 0;
    int b = 0;
    for (int agent = 0; agent < 12; agent++) {
      String next = sorter.sorted().get(0);
      sorter.allocated(next, r("cpus:1"));
      a += next.equals("a") ? 1 : 0;
      b += next.equals("b") ? 1 : 0;
    }
    // each agent goes to the lower weighted share: a (1/12), then b thrice (1/36, 2/36, 3/36), ...
    assertThat(a).isEqualTo(3);
    assertThat(b).isEqualTo(9);
    // a: 3/12 / 1 = .25; b: 9/12 / 3 = .25
    assertThat(sorter.weightedShare("a")).isCloseTo(sorter.weightedShare("b"), within(1e-12));
  }

  @Test
  void aParentShareCountsItsWholeSubtree() {
    RoleSorter sorter =
        new RoleSorter(
            TOTAL,
            Map.of("eng/web", r("cpus:10"), "eng/db", r("cpus:5"), "ads", r("cpus:12")),
            Map.of());

    // top level: eng = (10 + 5) / 100 = .15, ads = .12, so ads first;
    // within eng: db = .05 before web = .10
    assertThat(sorter.weightedShare("eng")).isEqualTo(0.15);
    assertThat(sorter.sorted()).containsExactly("ads", "eng/db", "eng/web");
  }

  @Test
  void aParentWeightDividesItsSubtreeBeforeItsChildrenDivideIt() {
    RoleSorter sorter =
        new RoleSorter(
            TOTAL,
            Map.of("eng/web", r("cpus:10"), "eng/db", r("cpus:20"), "ads", r("cpus:12")),
            Map.of("eng", 3.0, "eng/web", 0.5));

    // top level: eng = (10 + 20) / 100 / 3 = .10, ads = .12 / 1, so eng's subtree first;
    // within eng: web = .10 / .5 = .20, db = .20 / 1 = .20, a tie won by name
    assertThat(sorter.sorted()).containsExactly("eng/db", "eng/web", "ads");
    sorter.allocated("eng/db", r("cpus:1"));
    // db = .21 now: web comes before it; eng = 31 / 100 / 3 = .1033 is still below ads
    assertThat(sorter.sorted()).containsExactly("eng/web", "eng/db", "ads");
  }

  @Test
  void aRoleWithChildrenCompetesWithThemThroughWhatItHoldsItself() {
    RoleSorter sorter =
        new RoleSorter(
            TOTAL, Map.of("eng", r("cpus:4"), "eng/web", r("cpus:6"), "ads", r("cpus:20")), Map.of());

    // top level: eng = (4 + 6) / 100 = .10 before ads = .20;
    // within eng: eng itself = .04 before eng/web = .06
    assertThat(sorter.sorted()).containsExactly("eng", "eng/web", "ads");
  }

  @Test
  void aRoleWithoutAllocationOrWeightIsFirstAmongEquals() {
    RoleSorter sorter = new RoleSorter(TOTAL, Map.of("*", r("mem:100")), Map.of());
    sorter.add("new");

    // *: 100 / 1000 = .10; new: 0
    assertThat(sorter.sorted()).containsExactly("new", "*");
    assertThat(sorter.weightedShare("unknown")).isZero();
  }
}
