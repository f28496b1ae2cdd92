package io.drover.marathon.events;

import io.drover.marathon.events.EventStream.Event;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes' streams, the follower fed what the leader publishes, as {@link EventReplication} does. */
class EventStreamTest {

  final EventStream first = new EventStream(100);
  final EventStream second = new EventStream(100);

  EventStreamTest() {
    first.listen(event -> {
      if (event.id() > 0) {
        second.replicate(event);
      }
    });
  }

  @Test
  void theLeaderNumbersItsEventsByEpoch() {
    first.lead(3);
    assertThat(first.publish("a", new JsonObject()).id()).isEqualTo(EventIds.of(3, 1));
    assertThat(first.publish("b", new JsonObject()).id()).isEqualTo(EventIds.of(3, 2));
  }

  @Test
  void aClientResumingAtTheNextLeaderGetsWhatItMissedOnceAndInOrder() {
    first.lead(1);
    long seen = first.publish("a", new JsonObject()).id();
    first.publish("b", new JsonObject());
    first.publish("c", new JsonObject());
    // the first node dies; the second leads the next term
    second.lead(2);
    second.publish("d", new JsonObject());

    List<Event> received = new ArrayList<>();
    second.subscribe(Set.of(), seen, received::add);
    second.publish("e", new JsonObject());

    assertThat(received).extracting(Event::type).containsExactly("b", "c", "d", "e");
    assertThat(received).extracting(Event::id).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aClientWhoseIdIsOlderThanWhatIsKeptIsToldFirst() {
    EventStream small = new EventStream(2);
    small.lead(1);
    long seen = small.publish("a", new JsonObject()).id();
    small.publish("b", new JsonObject());
    small.publish("c", new JsonObject());
    small.publish("d", new JsonObject());

    List<Event> received = new ArrayList<>();
    small.subscribe(Set.of("d"), seen, received::add);

    assertThat(received).extracting(Event::type).containsExactly(EventStream.GAP, "d");
    Event gap = received.get(0);
    assertThat(gap.id()).as("unnumbered").isZero();
    assertThat(gap.data().getLong("lastEventId")).isEqualTo(seen);
    assertThat(gap.data().getLong("missedUpTo")).isEqualTo(EventIds.of(1, 2));
  }

  @Test
  void aClientWithoutAnIdGetsOnlyWhatComes() {
    first.lead(1);
    first.publish("a", new JsonObject());
    List<Event> received = new ArrayList<>();
    first.subscribe(Set.of(), 0, received::add);
    first.publish("b", new JsonObject());
    assertThat(received).extracting(Event::type).containsExactly("b");
  }

  @Test
  void aCopyOlderThanTheNewLeadersFirstEventIsDropped() {
    first.lead(1);
    first.publish("a", new JsonObject());
    second.lead(2);
    assertThat(second.replicate(new Event(EventIds.of(1, 2), "b", new JsonObject()))).as("before its first").isTrue();
    second.publish("c", new JsonObject());
    assertThat(second.replicate(new Event(EventIds.of(1, 3), "late", new JsonObject()))).isFalse();

    List<Event> replayed = new ArrayList<>();
    second.subscribe(Set.of(), EventIds.of(1, 1), replayed::add);
    assertThat(replayed).extracting(Event::type).containsExactly("b", "c");
  }

  @Test
  void aFollowerNumbersNothingAndKeepsNothingOfItsOwn() {
    first.lead(1);
    first.publish("a", new JsonObject());
    first.follow();
    List<Event> heard = new ArrayList<>();
    first.listen(heard::add);
    Event detached = first.publish("event_stream_detached", new JsonObject());
    assertThat(detached.id()).isZero();
    assertThat(heard).extracting(Event::id).as("listeners hear it unnumbered").containsExactly(0L);
    List<Event> replayed = new ArrayList<>();
    first.subscribe(Set.of(), EventIds.of(1, 0), replayed::add);
    assertThat(replayed).extracting(Event::type).containsExactly("a");
  }

  @Test
  void copiesReachNoSubscriberOrListener() {
    List<Event> heard = new ArrayList<>();
    second.listen(heard::add);
    second.subscribe(Set.of(), 0, heard::add);
    first.lead(1);
    first.publish("a", new JsonObject());
    assertThat(heard).isEmpty();
    second.lead(2);
    List<Event> replayed = new ArrayList<>();
    second.subscribe(Set.of(), EventIds.of(1, 0), replayed::add);
    assertThat(replayed).extracting(Event::type).containsExactly("a");
  }
}
