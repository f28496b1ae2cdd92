package io.drover.marathon.events;

import io.drover.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Keeps every marathon node's {@link EventStream} backlog a copy of the leader's, so that a client
 * that comes back to a new leader with {@code Last-Event-ID} gets the events it missed from the old
 * one: the leader publishes each numbered event on the clustered event bus, and the others keep it.
 *
 * <p>What that covers: every event of the old leader that reached the node that leads next, once,
 * in id order, as long as it is still in that node's backlog; the new leader's ids are above all of
 * them (its epoch is). What it cannot: the end of the old leader's term that had not reached the new
 * leader before its own first event, whether emitted in the old leader's last instant and never sent
 * on, still on the way (a copy that comes later would be out of order and is dropped), or lost on the
 * bus (at most once) with no later event of that term to show the hole. A client may have seen those;
 * nobody can replay them, and nothing shows they are missing. Any other loss shows as a hole in the
 * numbering (an event lost before others of its term, events sent before this node joined, a term
 * this node heard nothing of), and a client resuming from before it first gets an
 * {@link EventStream#GAP} notice rather than a stream with a silent hole.
 */
public final class EventReplication {

  private final MessageConsumer<JsonObject> consumer;
  private final Runnable unlisten;

  private EventReplication(MessageConsumer<JsonObject> consumer, Runnable unlisten) {
    this.consumer = consumer;
    this.unlisten = unlisten;
  }

  /** Starts copying; call it on the stream's context, where the copies are then taken. */
  public static Future<EventReplication> start(Vertx vertx, EventStream events) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.MARATHON_EVENTS,
      message -> events.replicate(EventStream.Event.fromJson(message.body())));
    // only the leader numbers events; this node's own copies come back to it and are refused
    Runnable unlisten = events.listen(event -> {
      if (event.id() > 0) {
        vertx.eventBus().publish(Addresses.MARATHON_EVENTS, event.toJson());
      }
    });
    return consumer.completion().map(v -> new EventReplication(consumer, unlisten));
  }

  public Future<Void> stop() {
    unlisten.run();
    return consumer.unregister();
  }
}
