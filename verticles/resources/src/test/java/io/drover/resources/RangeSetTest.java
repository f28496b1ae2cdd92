package io.drover.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeSetTest {

  @Test
  void parsesAndPrintsTheCanonicalText() {
    RangeSet ports = RangeSet.parse("[31000-32000,33000-33001]");

    assertThat(ports.toString()).isEqualTo("[31000-32000,33000-33001]");
    assertThat(ports.ranges()).containsExactly(new Range(31000, 32000), new Range(33000, 33001));
    assertThat(ports.size()).isEqualTo(1001 + 2);
  }

  @Test
  void normalizesOverlappingTouchingAndUnsortedRanges() {
    assertThat(RangeSet.parse("[ 5-6 , 1-2,3-4, 2-3 ]")).hasToString("[1-6]");
    assertThat(RangeSet.parse("[10-20,1-2,15-30]")).hasToString("[1-2,10-30]");
    assertThat(RangeSet.parse("[80]")).hasToString("[80-80]");
    assertThat(RangeSet.parse("[]")).isEqualTo(RangeSet.EMPTY).hasToString("[]");
  }

  @Test
  void buildsFromSingleValues() {
    assertThat(RangeSet.of(3, 1, 2, 7, 7)).hasToString("[1-3,7-7]");
    assertThat(RangeSet.of()).isSameAs(RangeSet.EMPTY);
    assertThat(RangeSet.between(31000, 31002)).isEqualTo(RangeSet.of(31000, 31001, 31002));
  }

  @Test
  void plusIsTheUnion() {
    RangeSet a = RangeSet.parse("[1-5,20-25]");
    RangeSet b = RangeSet.parse("[4-10,26-26,40-41]");

    assertThat(a.plus(b)).hasToString("[1-10,20-26,40-41]");
    assertThat(a.plus(RangeSet.EMPTY)).isEqualTo(a);
    assertThat(RangeSet.EMPTY.plus(b)).isEqualTo(b);
  }

  @Test
  void minusIsTheDifference() {
    RangeSet a = RangeSet.parse("[1-10,20-30]");

    assertThat(a.minus(RangeSet.parse("[3-4]"))).hasToString("[1-2,5-10,20-30]");
    assertThat(a.minus(RangeSet.parse("[0-1,10-20]"))).hasToString("[2-9,21-30]");
    assertThat(a.minus(RangeSet.parse("[5-25]"))).hasToString("[1-4,26-30]");
    assertThat(a.minus(RangeSet.parse("[0-100]"))).isEqualTo(RangeSet.EMPTY);
    assertThat(a.minus(RangeSet.parse("[11-19,31-40]"))).isEqualTo(a);
    assertThat(a.minus(RangeSet.parse("[2-2,4-4,6-6]"))).hasToString("[1-1,3-3,5-5,7-10,20-30]");
  }

  @Test
  void containsSetsAndValues() {
    RangeSet a = RangeSet.parse("[31000-32000,33000-33001]");

    assertThat(a.contains(RangeSet.parse("[31000-31000,31500-31600,33001-33001]"))).isTrue();
    assertThat(a.contains(RangeSet.EMPTY)).isTrue();
    assertThat(a.contains(RangeSet.parse("[32000-33000]"))).isFalse();
    assertThat(a.contains(RangeSet.parse("[30999-30999]"))).isFalse();
    assertThat(RangeSet.EMPTY.contains(RangeSet.of(1))).isFalse();
    assertThat(a.contains(31999)).isTrue();
    assertThat(a.contains(32001)).isFalse();
    assertThat(a.contains(33001)).isTrue();
  }

  @Test
  void takeAssignsTheLowestValues() {
    RangeSet ports = RangeSet.parse("[31000-31001,31005-31010]");

    assertThat(ports.take(0)).isEqualTo(RangeSet.EMPTY);
    assertThat(ports.take(1)).hasToString("[31000-31000]");
    assertThat(ports.take(4)).hasToString("[31000-31001,31005-31006]");
    assertThat(ports.take(8)).isEqualTo(ports);
    assertThatThrownBy(() -> ports.take(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("wanted 9 values, only 8 available in [31000-31001,31005-31010]");
  }

  @Test
  void listsItsValuesInOrder() {
    assertThat(RangeSet.parse("[7-9,1-2]").values().boxed().toList())
        .isEqualTo(List.of(1L, 2L, 7L, 8L, 9L));
    assertThat(RangeSet.EMPTY.values().count()).isZero();
  }

  @Test
  void rejectsBadTextNamingIt() {
    assertThatThrownBy(() -> RangeSet.parse("[5-1]"))
        .isInstanceOf(ResourceSyntaxException.class)
        .hasMessage("invalid range set '[5-1]': range '5-1' has its begin after its end");
    assertThatThrownBy(() -> RangeSet.parse("1-5"))
        .hasMessage("invalid range set '1-5': expected [begin-end,...]");
    assertThatThrownBy(() -> RangeSet.parse("[1-x]"))
        .hasMessage("invalid range set '[1-x]': 'x' in range '1-x' is not a whole number");
    assertThatThrownBy(() -> RangeSet.parse("[1-2,]"))
        .hasMessage("invalid range set '[1-2,]': empty range");
    assertThatThrownBy(() -> RangeSet.parse("[-1-2]"))
        .hasMessage("invalid range set '[-1-2]': negative value in range '-1-2'");
  }
}
