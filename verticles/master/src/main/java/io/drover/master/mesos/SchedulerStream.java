package io.drover.master.mesos;

import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIoStream;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.scheduler.Protos.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One framework's subscription over HTTP: a {@link RecordIoStream} of the framework's events,
 * under a stream id every later call must present. A framework dropped for falling behind
 * subscribes again and reconciles, as after any lost connection.
 */
final class SchedulerStream {

  static final String STREAM_ID = "Mesos-Stream-Id";

  final String id = UUID.randomUUID().toString();
  final String frameworkId;
  private final RecordIoStream events;
  private final MessageConsumer<JsonObject> consumer;
  private Future<Void> released;
  private long epoch;
  private Runnable onClosed = () -> { };
  /**
   * Events the leader sent between the framework's subscription and the stream's answer (its first
   * offers, say), written after SUBSCRIBED; null once the stream is open.
   */
  private List<Event> early = new ArrayList<>();

  /**
   * @param consumer the framework's address on the bus, already listening, which this stream
   *     gives up when it closes
   */
  SchedulerStream(String frameworkId, HttpServerResponse response, MediaType type,
                  MessageConsumer<JsonObject> consumer) {
    this.frameworkId = frameworkId;
    this.consumer = consumer;
    this.events = new RecordIoStream(response, type, "framework " + frameworkId, this::release);
  }

  /** Answers the subscription: headers, then {@code SUBSCRIBED} as the first record. */
  void open(Event subscribed, long leaderEpoch, Runnable onClosed) {
    epoch = leaderEpoch;
    this.onClosed = onClosed;
    events.open(Map.of(STREAM_ID, id));
    events.send(subscribed);
    List<Event> waiting = early;
    early = null;
    waiting.forEach(events::send);
  }

  /** The leader's epoch the subscription was made with: events of older leaders are refused. */
  long epoch() {
    return epoch;
  }

  /** Writes one event; false when the stream is closed or was just dropped for falling behind. */
  boolean send(Event event) {
    if (early != null && events.isOpen()) {
      return early.add(event);
    }
    return events.send(event);
  }

  /** Ends the stream and gives up the framework's address; the framework keeps its tasks. */
  Future<Void> close() {
    events.close();
    return released;
  }

  private void release() {
    onClosed.run();
    released = consumer.unregister();
  }
}
