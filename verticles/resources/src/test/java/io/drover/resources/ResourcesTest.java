package io.drover.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcesTest {

  private static Resources parse(String text) {
    return Resources.parse(text);
  }

  @Test
  void readsTheAgentFlag() {
    Resources r = parse("cpus:4;mem:8192;disk:20000;ports:[31000-32000]");

    assertThat(r.cpus()).isEqualTo(4);
    assertThat(r.mem()).isEqualTo(8192);
    assertThat(r.disk()).isEqualTo(20000);
    assertThat(r.ports()).isEqualTo(RangeSet.between(31000, 32000));
    assertThat(r).isEqualTo(Resources.of(4, 8192, 20000, RangeSet.between(31000, 32000)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cpus:4;mem:8192;disk:20000;ports:[31000-32000]",
        "cpus:0.5",
        "cpus:0.001;mem:32",
        "mem:1;gpus:1",
        "ports:[1-2,5-5]",
        "cpus:2;ports:[31000-32000,33000-33001];fpga:2;slots:[1-4]",
        ""
      })
  void printsWhatItReads(String canonical) {
    assertThat(parse(canonical)).hasToString(canonical);
    assertThat(parse(parse(canonical).toString())).isEqualTo(parse(canonical));
  }

  @Test
  void printsInCanonicalOrder() {
    assertThat(parse(" zeta:1 ; ports : [31000-31001] ; gpus:2;disk:3; mem:4.0 ;cpus:0.50; "))
        .hasToString("cpus:0.5;mem:4;disk:3;ports:[31000-31001];gpus:2;zeta:1");
  }

  @Test
  void acceptsTheDefaultRoleAndEmptyText() {
    assertThat(parse("cpus(*):2")).isEqualTo(parse("cpus:2"));
    assertThat(parse("")).isSameAs(Resources.EMPTY);
    assertThat(parse("  ;  ")).isEqualTo(Resources.EMPTY);
  }

  @Test
  void keepsThreeDecimalsExactly() {
    Resources tenth = parse("cpus:0.1");

    assertThat(tenth.plus(parse("cpus:0.2"))).isEqualTo(parse("cpus:0.3"));
    assertThat(parse("cpus:0.0004")).isEqualTo(Resources.EMPTY);
    assertThat(parse("cpus:0.0005")).hasToString("cpus:0.001");
    assertThat(Resources.builder().scalar("cpus", 0.1 + 0.2).build()).isEqualTo(parse("cpus:0.3"));

    Resources sum = Resources.EMPTY;
    for (int i = 0; i < 1000; i++) {
      sum = sum.plus(tenth);
    }
    assertThat(sum).isEqualTo(parse("cpus:100"));
  }

  @Test
  void addsAndSubtracts() {
    Resources agent = parse("cpus:4;mem:8192;ports:[31000-32000]");
    Resources task = parse("cpus:1.5;mem:1024;ports:[31000-31001]");

    assertThat(agent.minus(task)).hasToString("cpus:2.5;mem:7168;ports:[31002-32000]");
    assertThat(agent.minus(task).plus(task)).isEqualTo(agent);
    assertThat(task.plus(parse("gpus:1")))
        .hasToString("cpus:1.5;mem:1024;ports:[31000-31001];gpus:1");
    assertThat(agent.minus(agent)).isEqualTo(Resources.EMPTY);
    assertThat(agent.minus(agent).isEmpty()).isTrue();
  }

  @Test
  void neverGoesNegative() {
    assertThatThrownBy(() -> parse("cpus:1").minus(parse("cpus:2;mem:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot subtract cpus:2;mem:1 from cpus:1: "
                + "insufficient cpus: wanted 2, available 1; "
                + "insufficient mem: wanted 1, available 0");
    assertThatThrownBy(() -> parse("ports:[1-5]").minus(parse("ports:[5-6]")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void containsComparesEveryResource() {
    Resources agent = parse("cpus:4;mem:8192;ports:[31000-32000]");

    assertThat(agent.contains(parse("cpus:4;mem:8192"))).isTrue();
    assertThat(agent.contains(parse("ports:[31500-31600]"))).isTrue();
    assertThat(agent.contains(Resources.EMPTY)).isTrue();
    assertThat(agent.contains(parse("cpus:4.001"))).isFalse();
    assertThat(agent.contains(parse("gpus:1"))).isFalse();
    assertThat(agent.contains(parse("ports:[80-80]"))).isFalse();
  }

  @Test
  void dropsZeroScalarsAndEmptyRanges() {
    Resources r = Resources.of(0, 0, 0, RangeSet.EMPTY);

    assertThat(r.isEmpty()).isTrue();
    assertThat(r).isEqualTo(Resources.EMPTY).hasToString("");
    assertThat(parse("cpus:0;mem:1;ports:[]")).hasToString("mem:1");
    assertThat(parse("mem:1").scalars()).containsOnlyKeys("mem");
    assertThat(parse("cpus:1").scalar("gpus")).isZero();
    assertThat(parse("cpus:1").ranges("ports")).isEqualTo(RangeSet.EMPTY);
  }

  @Test
  void listsScalarsAndRangesByName() {
    Resources r = parse("gpus:1;cpus:2;ports:[1-2];slots:[3-4]");

    assertThat(r.scalars()).containsExactly(entry("cpus", 2.0), entry("gpus", 1.0));
    assertThat(r.rangeSets().keySet()).containsExactly("ports", "slots");
  }

  @Test
  void explainsTheShortfall() {
    Resources available = parse("cpus:1.5;mem:4096;ports:[31001-32000]");
    Resources wanted = parse("cpus:2;mem:1024;gpus:1;ports:[31000-31000]");

    assertThat(available.shortfall(wanted))
        .extracting(Shortfall::toString)
        .containsExactly(
            "insufficient cpus: wanted 2, available 1.5",
            "insufficient ports: wanted [31000-31000], available [31001-32000]",
            "insufficient gpus: wanted 1, available 0");
    assertThat(available.shortfall(parse("cpus:1.5;ports:[31001-31002]"))).isEmpty();
    assertThat(Resources.EMPTY.shortfall(parse("ports:[80-80]")))
        .containsExactly(new Shortfall("ports", "[80-80]", "[]"));
  }

  @Test
  void builderRejectsBadValues() {
    assertThatThrownBy(() -> Resources.builder().scalar("cpus", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resources.builder().scalar("cpus", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resources.builder().scalar("a b", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resources.builder().scalar("x", 1).ranges("x", RangeSet.of(1)).build())
        .hasMessage("resource 'x' is both a scalar and a range set");
    assertThatThrownBy(() -> parse("x:1").plus(parse("x:[1-1]")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "cpus:abc                 | invalid resource 'cpus:abc': 'abc' is not a number",
        "mem:-1                   | negative value in 'mem:-1'",
        "cpus:1;mem:2;cpus:3      | duplicate resource 'cpus'",
        "cpus(web):2              | roles are not supported: 'cpus(web):2'",
        "disks:{a,b}              | set resources are not supported: 'disks:{a,b}'",
        "ports:[5-1]              | invalid resource 'ports:[5-1]': range '5-1' has its begin after"
            + " its end",
        "ports:[1-2               | invalid resource 'ports:[1-2': expected [begin-end,...]",
        "cpus                     | invalid resource 'cpus': expected name:value",
        "cpus:                    | invalid resource 'cpus:': empty value",
        ":4                       | invalid resource ':4': empty name",
        "cpus:NaN                 | invalid resource 'cpus:NaN': 'NaN' is not a number",
        "mem:1e30                 | invalid resource 'mem:1e30': value too large",
        "cpus:1;  bad token ; x:1 | invalid resource 'bad token': expected name:value"
      })
  void rejectsBadTextNamingTheToken(String text, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ResourceSyntaxException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void withinCutsWhatALimitNamesToWhatIsLeftOfIt() {
    Resources offer = Resources.parse("cpus:4;mem:1024;disk:10;ports:[31000-31010]");

    // cpus: 2.5 of the limit's 4 used, 1.5 left; gpus are not offered; mem: the limit is used up
    assertThat(offer.within(Resources.parse("cpus:4;gpus:2;mem:512"), Resources.parse("cpus:2.5;mem:600")))
        .isEqualTo(Resources.parse("cpus:1.5;disk:10;ports:[31000-31010]"));
    assertThat(offer.within(Resources.parse("cpus:100"), Resources.EMPTY)).isEqualTo(offer);
    assertThat(offer.within(Resources.EMPTY, Resources.parse("cpus:9"))).isEqualTo(offer);
  }

  @Test
  void beyondIsWhatExceedsTheOtherScalarByScalarNeverNegative() {
    Resources guarantee = Resources.parse("cpus:3;mem:1024;ports:[1-2]");

    // cpus 3 - 1.25, mem 1024 - 2048 floors at 0 and goes; ports are not scalars
    assertThat(guarantee.beyond(Resources.parse("cpus:1.25;mem:2048;disk:5")))
        .isEqualTo(Resources.parse("cpus:1.75"));
    assertThat(guarantee.beyond(Resources.EMPTY)).isEqualTo(Resources.parse("cpus:3;mem:1024"));
  }

  @Test
  void commonIsWhatBothHold() {
    assertThat(Resources.parse("cpus:3;mem:64;ports:[1-10]").common(Resources.parse("cpus:1.5;disk:4;ports:[5-20]")))
        .isEqualTo(Resources.parse("cpus:1.5;ports:[5-10]"));
    assertThat(Resources.parse("cpus:3").common(Resources.EMPTY)).isEqualTo(Resources.EMPTY);
  }

  @Test
  void scalarsOnlyLeavesTheRangeSetsOut() {
    assertThat(Resources.parse("cpus:1;mem:2;ports:[1-3]").scalarsOnly()).isEqualTo(Resources.parse("cpus:1;mem:2"));
  }
}
