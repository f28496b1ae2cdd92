package io.drover.master.state;

import io.drover.master.state.InverseOfferBook.Answer;
import io.drover.master.state.InverseOfferBook.DrainingAgent;
import io.drover.master.state.InverseOfferBook.Due;
import io.drover.protocol.InverseOffer;
import io.drover.protocol.Unavailability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InverseOfferBookTest {

  static final Unavailability WINDOW = new Unavailability(100_000_000_000L, 60_000_000_000L);
  static final long REFUSE_MS = 5_000;

  final InverseOfferBook book = new InverseOfferBook();

  static DrainingAgent agent(String id, String... frameworks) {
    return new DrainingAgent(id, "host-" + id, WINDOW, Set.of(frameworks));
  }

  InverseOffer send(Due due, String id) {
    InverseOffer offer = new InverseOffer(id, due.frameworkId(), due.agentId(), due.hostname(), due.unavailability());
    book.sent(offer, 0);
    return offer;
  }

  @Test
  void eachConnectedFrameworkWithTasksOnADrainingAgentIsAskedOnce() {
    List<Due> due = book.due(List.of(agent("a1", "f1", "f2")), Set.of("f1"), 0);
    assertThat(due).extracting(Due::frameworkId).as("f2 is not connected").containsExactly("f1");
    send(due.get(0), "io-1");
    assertThat(book.due(List.of(agent("a1", "f1", "f2")), Set.of("f1"), 1000)).as("one outstanding").isEmpty();
  }

  @Test
  void anAnswerHoldsOffTheNextInverseOfferForTheRefuseTime() {
    InverseOffer offer = send(book.due(List.of(agent("a1", "f1")), Set.of("f1"), 0).get(0), "io-1");
    assertThat(book.outstanding("f2", "io-1")).as("another framework's").isEmpty();
    book.answered(book.outstanding("f1", "io-1").orElseThrow(), Answer.DECLINE, 1_000, REFUSE_MS);
    assertThat(book.statuses()).isEqualTo(Map.of("a1", Map.of("f1", new InverseOfferBook.Status(Answer.DECLINE, 1.0))));
    assertThat(book.due(List.of(agent("a1", "f1")), Set.of("f1"), 5_999)).isEmpty();
    assertThat(book.due(List.of(agent("a1", "f1")), Set.of("f1"), 6_001)).hasSize(1);
    assertThat(offer.getId()).isEqualTo("io-1");
  }

  @Test
  void inverseOffersTheScheduleNoLongerBacksAreStale() {
    send(book.due(List.of(agent("a1", "f1"), agent("a2", "f1")), Set.of("f1"), 0).get(0), "io-1");
    send(book.due(List.of(agent("a2", "f1")), Set.of("f1"), 0).get(0), "io-2");
    Unavailability moved = new Unavailability(200_000_000_000L, null);
    assertThat(book.stale(Map.of("a2", WINDOW), Set.of("f1"))).extracting(InverseOffer::getId)
      .as("a1 left the schedule").containsExactly("io-1");
    assertThat(book.stale(Map.of("a2", moved), Set.of("f1"))).extracting(InverseOffer::getId)
      .as("a2's window moved").containsExactly("io-2");
    assertThat(book.outstanding("f1", "io-2")).isEmpty();
  }
}
