package io.drover.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.resources.Resources;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrfSorterTest {

  private static Resources r(String text) {
    return Resources.parse(text);
  }

  @Test
  void ordersByDominantShare() {
    DrfSorter sorter =
        new DrfSorter(
            r("cpus:100;mem:100"), Map.of("a", r("cpus:5;mem:5"), "b", r("cpus:6;mem:6")));

    // shares: a = .05, b = .06
    assertThat(sorter.share("a")).isEqualTo(0.05);
    assertThat(sorter.share("b")).isEqualTo(0.06);
    assertThat(sorter.sorted()).containsExactly("a", "b");
  }

  @Test
  void theDominantResourceIsTheLargestFraction() {
    DrfSorter sorter =
        new DrfSorter(
            r("cpus:10;mem:1000;disk:100"),
            Map.of("a", r("cpus:3;mem:100"), "b", r("cpus:1;mem:400"), "c", r("disk:25")));

    // shares: a = max(3/10, 100/1000) = .3, b = max(1/10, 400/1000) = .4, c = 25/100 = .25
    assertThat(sorter.share("a")).isEqualTo(0.3);
    assertThat(sorter.share("b")).isEqualTo(0.4);
    assertThat(sorter.share("c")).isEqualTo(0.25);
    assertThat(sorter.sorted()).containsExactly("c", "a", "b");
  }

  @Test
  void reSortsAfterEachAllocation() {
    Map<String, Resources> allocations = new HashMap<>();
    allocations.put("a", r("cpus:5;mem:5"));
    allocations.put("b", r("cpus:6;mem:6"));
    allocations.put("c", Resources.EMPTY);
    DrfSorter sorter = new DrfSorter(r("cpus:100;mem:100"), allocations);
    // shares: a = .05, b = .06, c = 0
    assertThat(sorter.sorted()).containsExactly("c", "a", "b");

    sorter.allocated("c", r("cpus:4;mem:7"));
    // shares: a = .05, b = .06, c = .07
    assertThat(sorter.sorted()).containsExactly("a", "b", "c");

    sorter.allocated("a", r("cpus:3"));
    // shares: a = .08, b = .06, c = .07
    assertThat(sorter.share("a")).isEqualTo(0.08);
    assertThat(sorter.sorted()).containsExactly("b", "c", "a");
  }

  @Test
  void equalSharesGoByFrameworkId() {
    DrfSorter sorter =
        new DrfSorter(
            r("cpus:10;mem:10"),
            Map.of("c", r("cpus:1"), "a", r("mem:1"), "b", r("cpus:1;mem:1"), "d", r("cpus:0.5")));

    // shares: a = b = c = .1, d = .05
    assertThat(sorter.sorted()).containsExactly("d", "a", "b", "c");

    sorter.allocated("d", r("cpus:0.5"));
    // shares: a = b = c = d = .1
    assertThat(sorter.sorted()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void sumsExactlyWithoutDrift() {
    DrfSorter sorter = new DrfSorter(r("cpus:1"), Map.of("a", Resources.EMPTY, "b", r("cpus:0.3")));

    sorter.allocated("a", r("cpus:0.1"));
    sorter.allocated("a", r("cpus:0.2"));
    // shares: a = .1 + .2 = .3 exactly, b = .3: a tie, so by id
    assertThat(sorter.share("a")).isEqualTo(sorter.share("b"));
    assertThat(sorter.sorted()).containsExactly("a", "b");
  }

  @Test
  void portsAndResourcesTheClusterLacksDoNotCount() {
    DrfSorter sorter =
        new DrfSorter(
            r("cpus:10;ports:[31000-31009]"),
            Map.of("a", r("cpus:1;ports:[31000-31009];gpus:4"), "b", r("cpus:2")));

    // shares: a = .1, b = .2
    assertThat(sorter.share("a")).isEqualTo(0.1);
    assertThat(sorter.sorted()).containsExactly("a", "b");
    assertThat(new DrfSorter(Resources.EMPTY, Map.of("a", r("cpus:1"))).share("a")).isZero();
  }

  @Test
  void firstFindsTheLowestShareThatIsEligible() {
    DrfSorter sorter =
        new DrfSorter(r("cpus:100"), Map.of("a", r("cpus:1"), "b", r("cpus:2"), "c", r("cpus:3")));

    assertThat(sorter.first(id -> true)).contains("a");
    assertThat(sorter.first(id -> !id.equals("a"))).contains("b");
    assertThat(sorter.first(id -> false)).isEmpty();
  }

  @Test
  void refusesUnknownFrameworks() {
    DrfSorter sorter = new DrfSorter(r("cpus:1"), Map.of("a", Resources.EMPTY));

    assertThatThrownBy(() -> sorter.allocated("x", r("cpus:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown framework 'x'");
    assertThatThrownBy(() -> sorter.share("x")).isInstanceOf(IllegalArgumentException.class);
  }
}
