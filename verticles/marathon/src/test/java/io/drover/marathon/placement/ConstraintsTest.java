package io.drover.marathon.placement;

import static io.drover.marathon.placement.Fixtures.app;
import static io.drover.marathon.placement.Fixtures.offer;
import static io.drover.marathon.placement.Fixtures.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.Constraint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConstraintsTest {

  private static final String PLENTY = "cpus:8;mem:8192;disk:1000;ports:[31000-32000]";

  private final OfferMatcher matcher = new OfferMatcher();

  @Test
  void uniqueHostname() {
    String constraint = "hostname:UNIQUE";

    assertThat(refusal(constraint, "host-1", "", on("host-1")))
        .isEqualTo("agent a1 (host-1): constraint hostname UNIQUE: host-1 already runs an instance");
    assertThat(accepts(constraint, "host-1", "", on("host-2"))).isTrue();
    assertThat(accepts("@hostname:UNIQUE", "host-1", "", on("host-1"))).isFalse();
  }

  @Test
  void uniqueAttribute() {
    assertThat(refusal("rack:UNIQUE", "host-1", "rack:r1", on("host-2", "rack:r1")))
        .endsWith("constraint rack UNIQUE: r1 already runs an instance");
    assertThat(accepts("rack:UNIQUE", "host-1", "rack:r1", on("host-2", "rack:r2"))).isTrue();
  }

  @Test
  void clusterOnAGivenValue() {
    assertThat(accepts("rack:CLUSTER:r1", "host-1", "rack:r1")).isTrue();
    assertThat(refusal("rack:CLUSTER:r1", "host-1", "rack:r2")).endsWith("constraint rack CLUSTER r1: r2 is not r1");
    assertThat(accepts("hostname:CLUSTER:host-1", "host-1", "")).isTrue();
    assertThat(accepts("hostname:CLUSTER:host-1", "host-2", "")).isFalse();
  }

  @Test
  void clusterWithoutValueFollowsTheFirstInstance() {
    assertThat(accepts("rack:CLUSTER", "host-1", "rack:r2")).isTrue();
    assertThat(accepts("rack:CLUSTER", "host-1", "rack:r2", on("host-9", "rack:r2"))).isTrue();
    assertThat(refusal("rack:CLUSTER", "host-1", "rack:r1", on("host-9", "rack:r2")))
        .endsWith("constraint rack CLUSTER: instances already run on r2, not r1");
    assertThat(accepts("hostname:CLUSTER", "host-1", "", on("host-2"))).isFalse();
  }

  @Test
  void groupByTakesTheSmallestGroupOrANewValue() {
    String constraint = "rack:GROUP_BY";
    Placement r1 = on("h1", "rack:r1");
    Placement r2 = on("h2", "rack:r2");

    // r1 = 1, r2 = 1: either may take the next
    assertThat(accepts(constraint, "h1", "rack:r1", r1, r2)).isTrue();
    // r1 = 2, r2 = 1: only r2, or a rack not seen yet
    assertThat(refusal(constraint, "h1", "rack:r1", r1, r1, r2))
        .endsWith("constraint rack GROUP_BY: r1 runs 2 instances, the smallest group 1");
    assertThat(accepts(constraint, "h2", "rack:r2", r1, r1, r2)).isTrue();
    assertThat(accepts(constraint, "h3", "rack:r3", r1, r1, r2)).isTrue();
  }

  @Test
  void groupByWithACountWaitsForThatManyValues() {
    Placement r1 = on("h1", "rack:r1");
    Placement r2 = on("h2", "rack:r2");

    assertThat(refusal("rack:GROUP_BY:3", "h1", "rack:r1", r1, r2))
        .endsWith("constraint rack GROUP_BY 3: r1 already runs 1 instance; waiting for 3 distinct values, 2 seen");
    assertThat(accepts("rack:GROUP_BY:3", "h3", "rack:r3", r1, r2)).isTrue();
    assertThat(accepts("rack:GROUP_BY:2", "h1", "rack:r1", r1, r2)).isTrue();
  }

  @Test
  void likeMatchesTheWholeValue() {
    assertThat(accepts("rack:LIKE:r[1-3]", "h1", "rack:r2")).isTrue();
    assertThat(refusal("rack:LIKE:r[1-3]", "h1", "rack:r4"))
        .endsWith("constraint rack LIKE r[1-3]: r4 does not match r[1-3]");
    assertThat(accepts("rack:LIKE:r", "h1", "rack:r1")).isFalse();
    assertThat(accepts("hostname:LIKE:host-.*", "host-1", "")).isTrue();
  }

  @Test
  void unlikeRefusesAWholeMatch() {
    assertThat(accepts("rack:UNLIKE:r[7-9]", "h1", "rack:r1")).isTrue();
    assertThat(refusal("rack:UNLIKE:r[7-9]", "h1", "rack:r7"))
        .endsWith("constraint rack UNLIKE r[7-9]: r7 matches r[7-9]");
    assertThat(accepts("rack:UNLIKE:r", "h1", "rack:r7")).isTrue();
  }

  @Test
  void anInvalidRegexRefusesEveryAgent() {
    assertThat(refusal("rack:LIKE:r[", "h1", "rack:r1")).endsWith("'r[' is not a valid regular expression");
  }

  @Test
  void maxPerCountsTheInstancesOfEachValue() {
    Placement r1 = on("h1", "rack:r1");

    assertThat(accepts("rack:MAX_PER:2", "h2", "rack:r1", r1)).isTrue();
    assertThat(refusal("rack:MAX_PER:2", "h2", "rack:r1", r1, r1))
        .endsWith("constraint rack MAX_PER 2: r1 already runs 2 of at most 2 instances");
    assertThat(accepts("rack:MAX_PER:2", "h2", "rack:r2", r1, r1)).isTrue();
    assertThat(accepts("hostname:MAX_PER:1", "h1", "", on("h1"))).isFalse();
  }

  @Test
  void isComparesTextExactlyAndNumbersToThousandths() {
    assertThat(accepts("rack:IS:r1", "h1", "rack:r1")).isTrue();
    assertThat(refusal("rack:IS:r1", "h1", "rack:r2")).endsWith("constraint rack IS r1: r2 is not r1");
    assertThat(accepts("level:IS:0.8", "h1", "level:0.8")).isTrue();
    assertThat(accepts("level:IS:0.80", "h1", "level:0.8")).isTrue();
    assertThat(accepts("level:IS:0.8001", "h1", "level:0.8")).isTrue();
    assertThat(accepts("level:IS:0.81", "h1", "level:0.8")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(value = Constraint.Operator.class, names = "UNLIKE", mode = EnumSource.Mode.EXCLUDE)
  void anAgentWithoutTheAttributeIsRefused(Constraint.Operator operator) {
    String constraint = "rack:" + operator + ":1";

    assertThat(refusal(constraint, "h1", "zone:a")).endsWith("agent has no attribute rack");
  }

  @Test
  void unlikeAcceptsAnAgentWithoutTheAttribute() {
    assertThat(accepts("rack:UNLIKE:r7", "h1", "zone:a")).isTrue();
  }

  @Test
  void everyConstraintMustHold() {
    Rejection rejection = (Rejection) matcher.match(
        app("cpus:1;mem:128").constraints("hostname:UNIQUE", "rack:IS:r2").build(),
        offer("a1", "h1", PLENTY, "rack:r1"), List.of(on("h1")));

    assertThat(rejection.reasons()).containsExactly(RejectReason.UnfulfilledConstraint);
    assertThat(rejection.details()).containsExactly(
        "constraint hostname UNIQUE: h1 already runs an instance", "constraint rack IS r2: r1 is not r2");
  }

  private boolean accepts(String constraint, String hostname, String attributes, Placement... placed) {
    return match(constraint, hostname, attributes, placed) instanceof Match;
  }

  private String refusal(String constraint, String hostname, String attributes, Placement... placed) {
    MatchResult result = match(constraint, hostname, attributes, placed);
    assertThat(result).isInstanceOf(Rejection.class);
    Rejection rejection = (Rejection) result;
    assertThat(rejection.reasons()).containsExactly(RejectReason.UnfulfilledConstraint);
    return rejection.message();
  }

  private MatchResult match(String constraint, String hostname, String attributes, Placement... placed) {
    return matcher.match(app("cpus:1;mem:128").constraints(constraint).build(),
        offer("a1", hostname, PLENTY, attributes), List.of(placed));
  }
}
