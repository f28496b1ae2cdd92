package io.drover.marathon.events;

import io.drover.marathon.events.EventStream.Event;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EventBacklogTest {

  @Test
  void aClientGetsWhatCameAfterItsIdInOrder() {
    EventBacklog backlog = backlog(10, "1.1 1.2 1.3 1.4 1.5");
    assertThat(ids(backlog.after(id("1.2")))).containsExactly("1.3", "1.4", "1.5");
    assertThat(backlog.after(id("1.2")).complete()).isTrue();
  }

  @Test
  void theFirstEventOfTheNextTermFollowsTheLastOfThePrevious() {
    EventBacklog backlog = backlog(10, "1.1 1.2 1.3 2.1 2.2");
    EventBacklog.Replay replay = backlog.after(id("1.2"));
    assertThat(ids(replay)).containsExactly("1.3", "2.1", "2.2");
    assertThat(replay.complete()).isTrue();
  }

  @Test
  void aHoleInATermsNumberingMakesAResumeFromBeforeItIncomplete() {
    EventBacklog backlog = backlog(10, "1.1 1.2 1.4 1.5");
    EventBacklog.Replay before = backlog.after(id("1.1"));
    assertThat(ids(before)).containsExactly("1.2", "1.4", "1.5");
    assertThat(before.missedUpTo()).contains(id("1.3"));
    assertThat(backlog.after(id("1.3")).complete()).as("from just before the hole's end").isTrue();
  }

  @Test
  void aTermSkippedOrNotBegunAtOneIsAHoleToo() {
    assertThat(backlog(10, "1.5 3.1").after(id("1.5")).missedUpTo()).contains(id("3.0"));
    assertThat(backlog(10, "1.5 2.4").after(id("1.5")).missedUpTo()).contains(id("2.3"));
  }

  @Test
  void aNodeThatJoinedLateVouchesOnlyFromItsFirstEvent() {
    EventBacklog backlog = backlog(10, "2.7 2.8");
    assertThat(backlog.after(id("2.3")).missedUpTo()).contains(id("2.6"));
    assertThat(ids(backlog.after(id("2.3")))).containsExactly("2.7", "2.8");
    assertThat(backlog.after(id("2.6")).complete()).isTrue();
  }

  @Test
  void evictedEventsRaiseTheFloor() {
    EventBacklog backlog = backlog(3, "1.1 1.2 1.3 1.4 1.5");
    assertThat(backlog.size()).isEqualTo(3);
    assertThat(ids(backlog.after(id("1.1")))).containsExactly("1.3", "1.4", "1.5");
    assertThat(backlog.after(id("1.1")).missedUpTo()).contains(id("1.2"));
    assertThat(backlog.after(id("1.2")).complete()).isTrue();
  }

  @Test
  void anEventNotNewerThanTheLastIsRefused() {
    EventBacklog backlog = backlog(10, "1.1 2.1");
    assertThat(backlog.add(event("1.2"))).as("the old leader's, after the new one's").isFalse();
    assertThat(backlog.add(event("2.1"))).as("a duplicate").isFalse();
    assertThat(ids(backlog.after(id("1.1")))).containsExactly("2.1");
  }

  @Test
  void anIdBeyondEveryKeptOneReplaysNothingAndMissesNothingKnown() {
    EventBacklog.Replay replay = backlog(10, "1.1 1.2 1.3").after(id("1.9"));
    assertThat(replay.events()).isEmpty();
    assertThat(replay.complete()).isTrue();
  }

  /**
   * A replica fed the leaders' events with some lost on the way: a replay it calls complete holds,
   * once and in order, every event after the client's id, but those lost at the end of their term
   * (nobody can tell a term's last event from one that had successors).
   */
  @Property(tries = 1000)
  void aReplayCalledCompleteMissesOnlyTheUnknowableEndsOfTerms(
      @ForAll("terms") List<Integer> eventsPerTerm, @ForAll @IntRange(min = 1, max = 40) int capacity,
      @ForAll @IntRange(min = 0, max = 50) int lossPercent, @ForAll long seed) {
    Random random = new Random(seed);
    List<Long> emitted = new ArrayList<>();
    List<Long> received = new ArrayList<>();
    for (int term = 0; term < eventsPerTerm.size(); term++) {
      for (int n = 1; n <= eventsPerTerm.get(term); n++) {
        long id = EventIds.of(term + 1, n);
        emitted.add(id);
        if (random.nextInt(100) >= lossPercent) {
          received.add(id);
        }
      }
    }
    EventBacklog backlog = new EventBacklog(capacity);
    received.forEach(id -> assertThat(backlog.add(new Event(id, "t", new JsonObject()))).isTrue());
    List<Long> unknowable = emitted.stream().filter(id -> !received.contains(id)
      && received.stream().noneMatch(r -> EventIds.epoch(r) == EventIds.epoch(id) && r > id)).toList();

    for (long lastSeen : emitted) {
      EventBacklog.Replay replay = backlog.after(lastSeen);
      List<Long> replayed = replay.events().stream().map(Event::id).toList();
      assertThat(replayed).isSorted().doesNotHaveDuplicates().allMatch(id -> id > lastSeen && received.contains(id));
      if (replay.complete()) {
        List<Long> expected = emitted.stream().filter(id -> id > lastSeen && !unknowable.contains(id)).toList();
        assertThat(replayed).as("after " + lastSeen).isEqualTo(expected);
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> terms() {
    return Arbitraries.integers().between(0, 8).list().ofMinSize(1).ofMaxSize(5);
  }

  /** "e.n" is the n-th event of epoch e. */
  private static long id(String event) {
    String[] parts = event.split("\\.");
    return EventIds.of(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
  }

  private static Event event(String event) {
    return new Event(id(event), "t", new JsonObject());
  }

  private static EventBacklog backlog(int capacity, String events) {
    EventBacklog backlog = new EventBacklog(capacity);
    for (String event : events.split(" ")) {
      assertThat(backlog.add(event(event))).isTrue();
    }
    return backlog;
  }

  private static List<String> ids(EventBacklog.Replay replay) {
    return replay.events().stream().map(e -> EventIds.epoch(e.id()) + "." + EventIds.n(e.id())).toList();
  }
}
