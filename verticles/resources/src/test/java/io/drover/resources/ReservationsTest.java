package io.drover.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationsTest {

  @Test
  void readsAnAgentFlagWithReservationsAsMesosWritesIt() {
    Reservations.Split split =
        Reservations.parseAgentFlag("cpus(db):2;mem(db):4096;cpus:2;mem:4096;ports(*):[31000-31009];disk(eng/web):10");

    assertThat(split.unreserved()).isEqualTo(Resources.parse("cpus:2;mem:4096;ports:[31000-31009]"));
    assertThat(split.reserved().byRole()).isEqualTo(Map.of(
        "db", Resources.parse("cpus:2;mem:4096"), "eng/web", Resources.parse("disk:10")));
    assertThat(split.total()).isEqualTo(Resources.parse("cpus:4;mem:8192;disk:10;ports:[31000-31009]"));
    assertThat(split.reserved()).hasToString("cpus(db):2;mem(db):4096;disk(eng/web):10");
  }

  @Test
  void refusesABadRoleOrAnUnclosedParenthesis() {
    assertThatThrownBy(() -> Reservations.parseAgentFlag("cpus(-db):2"))
        .isInstanceOf(ResourceSyntaxException.class).hasMessageContaining("starting with '-'");
    assertThatThrownBy(() -> Reservations.parseAgentFlag("cpus(db:2"))
        .isInstanceOf(ResourceSyntaxException.class).hasMessageContaining("no closing ')'");
  }

  @Test
  void addsAndTakesAwayPerRole() {
    Reservations reserved = Reservations.NONE.plus("db", Resources.parse("cpus:2")).plus("web", Resources.parse("mem:64"));

    assertThat(reserved.minus("db", Resources.parse("cpus:2")).byRole()).containsOnlyKeys("web");
    assertThat(reserved.total()).isEqualTo(Resources.parse("cpus:2;mem:64"));
    assertThatThrownBy(() -> reserved.minus("web", Resources.parse("mem:65"))).isInstanceOf(IllegalArgumentException.class);
  }
}
