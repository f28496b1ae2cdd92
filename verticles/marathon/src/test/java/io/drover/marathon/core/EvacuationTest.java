package io.drover.marathon.core;

import static io.drover.marathon.core.Fleet.app;
import static io.drover.marathon.core.Fleet.at;
import static io.drover.marathon.core.Fleet.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.protocol.InverseOffer;
import io.drover.protocol.Unavailability;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvacuationTest {

  static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** A window from second {@code start} for {@code seconds}, or open-ended when null. */
  static Unavailability window(long start, Long seconds) {
    return new Unavailability(start * NANOS_PER_SECOND, seconds == null ? null : seconds * NANOS_PER_SECOND);
  }

  static InverseOffer inverse(String id, String agent) {
    return new InverseOffer(id, "marathon", agent, "host-" + agent, window(100, 60L));
  }

  static List<String> killed(Convergence.Decision decision) {
    return decision.kills().stream().map(k -> k.instance().taskId()).toList();
  }

  @Test
  void withRoomOverCapacityTheReplacementStartsBeforeTheTaskOnTheLeavingAgentIsKilled() {
    // N=2, upgrade 1/1: min healthy 2, max 4. t1 must leave agent-2.
    var app = app("/web x2 upgrade=1/1");
    var first = Convergence.decide(app, tasks("t1 v1 running on=agent-2, t2 v1 running"), at(10), Set.of("agent-2"));
    assertThat(first.launch()).as("a replacement first").isEqualTo(1);
    assertThat(first.kills()).as("t1 serves until it is replaced").isEmpty();

    var second = Convergence.decide(app, tasks("t1 v1 running on=agent-2, t2 v1 running, t3 v1 running on=agent-3"),
      at(20), Set.of("agent-2"));
    assertThat(second.launch()).isZero();
    assertThat(killed(second)).containsExactly("t1");
    assertThat(second.kills().get(0).reason()).isEqualTo("its agent agent-2 goes into maintenance");
  }

  @Test
  void withoutRoomOverCapacityTheTaskIsKilledFirstAsFarAsMinimumHealthAllows() {
    // N=2, upgrade 0.5/0: min healthy 1, max 2: kill t1, then start its replacement
    var app = app("/web x2 upgrade=0.5/0");
    var decision = Convergence.decide(app, tasks("t1 v1 running on=agent-2, t2 v1 running"), at(10),
      Set.of("agent-2"));
    assertThat(killed(decision)).containsExactly("t1");
    assertThat(decision.launch()).isEqualTo(1);
  }

  @Test
  void tasksOnOtherAgentsStay() {
    var decision = Convergence.decide(app("/web x2"), tasks("t1 v1 running, t2 v1 running on=agent-3"), at(10),
      Set.of("agent-2"));
    assertThat(decision).isEqualTo(new Convergence.Decision(0, List.of(), List.of(),
      decision.readiness()));
  }

  @Test
  void anInverseOfferIsAcceptedOnceNoTaskIsLeftOnItsAgent() {
    Evacuation evacuation = new Evacuation();
    evacuation.received(List.of(inverse("io-1", "agent-2"), inverse("io-2", "agent-3")));
    assertThat(evacuation.agentsToLeave()).containsExactlyInAnyOrder("agent-2", "agent-3");

    assertThat(evacuation.answerable(tasks("t1 v1 running on=agent-2"))).extracting(InverseOffer::getId)
      .containsExactly("io-2");
    assertThat(evacuation.agentsToLeave()).containsExactly("agent-2");
    assertThat(evacuation.answerable(tasks("t2 v1 running on=agent-4"))).extracting(InverseOffer::getId)
      .containsExactly("io-1");
    assertThat(evacuation.agentsToLeave()).isEmpty();
  }

  @Test
  void aRescindedInverseOfferNoLongerMovesTasks() {
    Evacuation evacuation = new Evacuation();
    evacuation.received(List.of(inverse("io-1", "agent-2")));
    evacuation.rescinded("io-1");
    assertThat(evacuation.agentsToLeave()).isEmpty();
  }

  @Test
  void offersOfAgentsWithAnUpcomingOrCurrentWindowAreDeclined() {
    assertThat(Evacuation.declines(null, at(50))).isFalse();
    assertThat(Evacuation.declines(window(100, 60L), at(50))).as("upcoming").isTrue();
    assertThat(Evacuation.declines(window(100, 60L), at(130))).as("current").isTrue();
    assertThat(Evacuation.declines(window(100, 60L), at(161))).as("over").isFalse();
    assertThat(Evacuation.declines(window(100, null), at(10_000))).as("open-ended").isTrue();
  }
}
