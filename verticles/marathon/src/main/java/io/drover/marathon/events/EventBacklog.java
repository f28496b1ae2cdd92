package io.drover.marathon.events;

import io.drover.marathon.events.EventStream.Event;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The last events, in id order, that a client coming back with {@code Last-Event-ID} is replayed,
 * and what this node can vouch for: every event with an id above {@link #floor()} that it knows
 * of is kept. Below the floor some may be missing: evicted, or never received (this node joined
 * late, or a replicated event was lost on the way, which shows as a hole in the numbering).
 */
final class EventBacklog {

  /** What a client coming back after {@code lastEventId} gets; {@code missedUpTo} when events may lack. */
  record Replay(List<Event> events, Optional<Long> missedUpTo) {

    boolean complete() {
      return missedUpTo.isEmpty();
    }
  }

  private final int capacity;
  private final Deque<Event> events = new ArrayDeque<>();
  private long floor;
  private long last;

  EventBacklog(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Keeps {@code event} after the others. One not newer than the last is refused (false): it came
   * late, after newer ones, and the order of the backlog is the order clients are replayed.
   */
  boolean add(Event event) {
    if (event.id() <= last) {
      return false;
    }
    if (last == 0 || !EventIds.follows(last, event.id())) {
      // what came before this event is not known to be all here
      floor = event.id() - 1;
    }
    events.addLast(event);
    last = event.id();
    if (events.size() > capacity) {
      floor = Math.max(floor, events.removeFirst().id());
    }
    return true;
  }

  /**
   * The kept events after {@code lastEventId}, in order; incomplete when some after it may be
   * missing. An id above every kept one replays nothing and is complete: whatever that client saw
   * beyond this node's last event never reached this node, and nothing it knows of is missed.
   */
  Replay after(long lastEventId) {
    List<Event> replayed = events.stream().filter(e -> e.id() > lastEventId).toList();
    boolean complete = lastEventId >= floor;
    return new Replay(replayed, complete ? Optional.empty() : Optional.of(floor));
  }

  /** The last event's id, 0 before any. */
  long last() {
    return last;
  }

  long floor() {
    return floor;
  }

  int size() {
    return events.size();
  }
}
