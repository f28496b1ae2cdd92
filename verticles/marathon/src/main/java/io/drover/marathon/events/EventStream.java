package io.drover.marathon.events;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Marathon's event bus: every event gets {@code eventType}, {@code timestamp} and an id that only
 * grows ({@link EventIds}: the leader's epoch and a number), goes to the attached subscribers, and
 * stays in a bounded backlog so a client that reconnects with {@code Last-Event-ID} misses nothing
 * that is still there. The leader numbers its events; the other nodes keep copies of them
 * ({@link #replicate}), so that after a failover the new leader replays what the old one sent
 * (see {@link EventReplication} for what that covers). Not thread-safe: use it from the
 * scheduler's context.
 */
public final class EventStream {

  /** Events kept for replay. */
  public static final int DEFAULT_BACKLOG = 2_000;

  /** The type of the notice a resuming client gets first when events after its id may be missing. */
  public static final String GAP = "event_stream_gap";

  /** An event; id 0 for one that is not numbered (not kept, not replayed, not replicated). */
  public record Event(long id, String type, JsonObject data) {

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("type", type).put("data", data);
    }

    public static Event fromJson(JsonObject json) {
      return new Event(json.getLong("id"), json.getString("type"), json.getJsonObject("data"));
    }
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

  private final EventBacklog backlog;
  private final List<Subscription> subscriptions = new ArrayList<>();
  /** Followers inside this process (not clients): not counted, not closed by {@link #closeAll}. */
  private final List<Consumer<Event>> listeners = new ArrayList<>();
  /** The epoch of the term this node leads, 0 while it follows. */
  private long epoch;
  private long n;

  public EventStream(int backlogSize) {
    this.backlog = new EventBacklog(backlogSize);
  }

  /** From now on this node numbers events as the leader of {@code epoch}. */
  public void lead(long epoch) {
    this.epoch = epoch;
    this.n = 0;
  }

  /** This node no longer leads: it numbers no events. */
  public void follow() {
    this.epoch = 0;
  }

  /**
   * Publishes {@code payload} (completed with eventType and timestamp) as an event of {@code type}.
   * Only the leader numbers and keeps events. One published while following (a stream that ends
   * after a step-down says it detached), or by a deposed leader that has already heard its
   * successor's, reaches this process's listeners only, unnumbered.
   */
  public Event publish(String type, JsonObject payload) {
    JsonObject data = payload.copy().put("eventType", type).put("timestamp", now());
    Event event = new Event(epoch == 0 ? 0 : EventIds.of(epoch, ++n), type, data);
    if (event.id() == 0 || !backlog.add(event)) {
      Event unnumbered = new Event(0, type, data);
      List.copyOf(listeners).forEach(l -> l.accept(unnumbered));
      return unnumbered;
    }
    List.copyOf(subscriptions).forEach(s -> s.offer(event));
    List.copyOf(listeners).forEach(l -> l.accept(event));
    return event;
  }

  /**
   * Keeps a copy of an event another node numbered, for the clients this node may serve once it
   * leads. None older than the last kept is taken: a copy of the old leader's that comes after the
   * new leader's first event would come out of order (and this node's own come back refused).
   * Copies reach no subscriber or listener.
   */
  public boolean replicate(Event event) {
    return event.id() > 0 && backlog.add(event);
  }

  /**
   * Attaches a client: first the backlog after {@code afterId} (0 for none), then live events.
   * Events of other types than {@code types} (when not empty) are skipped. When events after
   * {@code afterId} may be missing, the client first gets an unnumbered {@link #GAP} notice naming
   * its id ({@code lastEventId}) and the last id that may be missing ({@code missedUpTo}).
   */
  public Subscription subscribe(Set<String> types, long afterId, Consumer<Event> sink) {
    Subscription subscription = new Subscription(Set.copyOf(types), sink);
    if (afterId > 0) {
      EventBacklog.Replay replay = backlog.after(afterId);
      replay.missedUpTo().ifPresent(upTo -> sink.accept(new Event(0, GAP, new JsonObject().put("eventType", GAP)
        .put("timestamp", now()).put("lastEventId", afterId).put("missedUpTo", upTo))));
      replay.events().forEach(subscription::offer);
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

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  public int subscribers() {
    return subscriptions.size();
  }
}
