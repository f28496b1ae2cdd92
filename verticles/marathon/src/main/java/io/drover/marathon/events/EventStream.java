package io.drover.marathon.events;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Marathon's event bus: every event gets {@code eventType}, {@code timestamp} and a number that
 * only grows, goes to the attached subscribers, and stays in a bounded backlog so a client that
 * reconnects with {@code Last-Event-ID} misses nothing that is still there. Not thread-safe: use it
 * from the scheduler's context.
 */
public final class EventStream {

  /** Events kept for replay. */
  public static final int DEFAULT_BACKLOG = 2_000;

  public record Event(long id, String type, JsonObject data) {
  }

  /** One attached client; {@code types} empty means every type. */
  public final class Subscription {
    private final Set<String> types;
    private final Consumer<Event> sink;
    private Runnable onClose = () -> { };

    private Subscription(Set<String> types, Consumer<Event> sink) {
      this.types = types;
      this.sink = sink;
    }

    /** What {@link #closeAll} does to this client (an SSE stream ends its response). */
    public void onClose(Runnable action) {
      this.onClose = action;
    }

    private void offer(Event event) {
      if (types.isEmpty() || types.contains(event.type())) {
        sink.accept(event);
      }
    }

    public void cancel() {
      subscriptions.remove(this);
    }
  }

  private final int backlogSize;
  private final Deque<Event> backlog = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  /** Followers inside this process (not clients): not counted, not closed by {@link #closeAll}. */
  private final List<Consumer<Event>> listeners = new ArrayList<>();
  private long lastId;

  public EventStream(int backlogSize) {
    this.backlogSize = backlogSize;
  }

  /** Publishes {@code payload} (completed with eventType and timestamp) as an event of {@code type}. */
  public Event publish(String type, JsonObject payload) {
    JsonObject data = payload.copy().put("eventType", type).put("timestamp", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
    Event event = new Event(++lastId, type, data);
    backlog.addLast(event);
    if (backlog.size() > backlogSize) {
      backlog.removeFirst();
    }
    List.copyOf(subscriptions).forEach(s -> s.offer(event));
    List.copyOf(listeners).forEach(l -> l.accept(event));
    return event;
  }

  /**
   * Attaches a client: first the backlog after {@code afterId} (0 for none), then live events.
   * Events of other types than {@code types} (when not empty) are skipped.
   */
  public Subscription subscribe(Set<String> types, long afterId, Consumer<Event> sink) {
    Subscription subscription = new Subscription(Set.copyOf(types), sink);
    if (afterId > 0) {
      backlog.stream().filter(e -> e.id() > afterId).forEach(subscription::offer);
    }
    subscriptions.add(subscription);
    return subscription;
  }

  /** Calls {@code listener} with every event from now on, until the returned action runs. */
  public Runnable listen(Consumer<Event> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Ends every client's stream, so that they reconnect (through the new leader, after a failover). */
  public void closeAll() {
    List.copyOf(subscriptions).forEach(s -> {
      s.cancel();
      s.onClose.run();
    });
  }

  public int subscribers() {
    return subscriptions.size();
  }
}
