package io.drover.marathon.placement;

import static io.drover.marathon.placement.Fixtures.app;
import static io.drover.marathon.placement.Fixtures.offer;
import static io.drover.marathon.placement.Fixtures.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition;
import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceAllTest {

  private final OfferMatcher matcher = new OfferMatcher();

  @Test
  void fillsAnOfferUntilTheCpusRunOut() {
    AppDefinition app = app("cpus:1;mem:128").ports(0).build();
    AgentOffer offer = offer("a1", "host-1", "cpus:2.5;mem:1024;ports:[31000-31010]");

    OfferPlan plan = matcher.placeAll(app, 5, offer, List.of());

    // 2.5 cpus hold two tasks of 1 cpu; 0.5 is left
    assertThat(plan.matches()).extracting(Match::hostPorts).containsExactly(List.of(31000), List.of(31001));
    assertThat(plan.taken()).isEqualTo(Resources.parse("cpus:2;mem:256;ports:[31000-31001]"));
    assertThat(plan.remaining()).isEqualTo(Resources.parse("cpus:0.5;mem:768;ports:[31002-31010]"));
    assertThat(plan.stoppedBy().orElseThrow().reason()).isEqualTo(RejectReason.InsufficientCpus);
    assertThat(plan.stoppedBy().orElseThrow().message()).isEqualTo("agent a1 (host-1): needs 1 cpus, offers 0.5");
  }

  @Test
  void stopsWhenThePortsRunOut() {
    AppDefinition app = app("cpus:0.1;mem:16").ports(0, 0).build();
    AgentOffer offer = offer("a1", "host-1", "cpus:4;mem:1024;ports:[31000-31004]");

    OfferPlan plan = matcher.placeAll(app, 10, offer, List.of());

    // 5 ports hold two tasks of 2 ports
    assertThat(plan.matches()).hasSize(2);
    assertThat(plan.stoppedBy().orElseThrow().reason()).isEqualTo(RejectReason.InsufficientPorts);
    assertThat(plan.remaining().ports().toString()).isEqualTo("[31004-31004]");
  }

  @Test
  void stopsWhenAConstraintFillsUp() {
    AppDefinition app = app("cpus:0.1;mem:16").constraints("rack:MAX_PER:2").build();
    AgentOffer offer = offer("a1", "host-1", "cpus:4;mem:1024", "rack:r1");

    OfferPlan plan = matcher.placeAll(app, 5, offer, List.of(on("host-2", "rack:r1")));

    // one already on r1, room for one more
    assertThat(plan.matches()).hasSize(1);
    assertThat(plan.stoppedBy().orElseThrow().reason()).isEqualTo(RejectReason.UnfulfilledConstraint);
  }

  @Test
  void stopsWithoutAReasonWhenAllWantedArePlaced() {
    AppDefinition app = app("cpus:1;mem:128").build();

    OfferPlan plan = matcher.placeAll(app, 3, offer("a1", "host-1", "cpus:8;mem:1024"), List.of());

    assertThat(plan.matches()).hasSize(3);
    assertThat(plan.stoppedBy()).isEmpty();
    assertThat(plan.remaining()).isEqualTo(Resources.parse("cpus:5;mem:640"));
  }

  @Test
  void wantingNothingTakesNothing() {
    OfferPlan plan = matcher.placeAll(app("cpus:1").build(), 0, offer("a1", "host-1", "cpus:8"), List.of());

    assertThat(plan.isUsed()).isFalse();
    assertThat(plan.stoppedBy()).isEmpty();
  }

  @Test
  void uniqueHostnamePlacesTwoOfThreeOnTwoAgentsAndExplainsTheThird() {
    AppDefinition app = app("cpus:1;mem:128").constraints("hostname:UNIQUE").build();
    List<AgentOffer> offers = List.of(
        offer("a1", "host-1", "cpus:8;mem:4096"),
        offer("a2", "host-2", "cpus:8;mem:4096"));
    List<Placement> placed = new ArrayList<>();
    List<Rejection> stops = new ArrayList<>();
    int wanted = 3;

    for (AgentOffer offer : offers) {
      OfferPlan plan = matcher.placeAll(app, wanted - placed.size(), offer, placed);
      plan.matches().forEach(match -> placed.add(Placement.on(offer)));
      plan.stoppedBy().ifPresent(stops::add);
    }

    assertThat(placed).extracting(Placement::hostname).containsExactly("host-1", "host-2");
    assertThat(stops).extracting(Rejection::message).containsExactly(
        "agent a1 (host-1): constraint hostname UNIQUE: host-1 already runs an instance",
        "agent a2 (host-2): constraint hostname UNIQUE: host-2 already runs an instance");
  }
}
