package io.drover.master.mesos;

import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIo;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.scheduler.Protos.Event;

import java.util.UUID;
import java.util.logging.Logger;

/**
 * One framework's subscription over HTTP: a chunked {@code 200} whose body is the framework's
 * events as RecordIO, under a stream id every later call must present. A subscriber that stops
 * reading is dropped once {@link #MAX_BACKLOG_BYTES} wait unsent, so it never holds the master's
 * memory; it subscribes again and reconciles, as after any lost connection.
 */
final class SchedulerStream {

  private static final Logger LOG = Logger.getLogger(SchedulerStream.class.getName());
  static final String STREAM_ID = "Mesos-Stream-Id";
  static final int MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

  final String id = UUID.randomUUID().toString();
  final String frameworkId;
  private final HttpServerResponse response;
  private final MediaType type;
  private final MessageConsumer<JsonObject> consumer;
  private long epoch;
  private boolean closed;
  private Runnable onClosed = () -> { };

  /**
   * @param consumer the framework's address on the bus, already listening, which this stream
   *     gives up when it closes
   */
  SchedulerStream(String frameworkId, HttpServerResponse response, MediaType type,
                  MessageConsumer<JsonObject> consumer) {
    this.frameworkId = frameworkId;
    this.response = response;
    this.type = type;
    this.consumer = consumer;
    response.setWriteQueueMaxSize(MAX_BACKLOG_BYTES);
  }

  /** Answers the subscription: headers, then {@code SUBSCRIBED} as the first record. */
  void open(Event subscribed, long leaderEpoch, Runnable onClosed) {
    epoch = leaderEpoch;
    this.onClosed = onClosed;
    response.setStatusCode(200).setChunked(true)
      .putHeader(HttpHeaders.CONTENT_TYPE, type.value)
      .putHeader(STREAM_ID, id);
    response.closeHandler(v -> {
      if (!closed) {
        LOG.info(() -> "framework " + frameworkId + " closed its event stream");
        close();
      }
    });
    send(subscribed);
  }

  /** The leader's epoch the subscription was made with: events of older leaders are refused. */
  long epoch() {
    return epoch;
  }

  boolean isOpen() {
    return !closed;
  }

  /** Writes one event; false when the stream is closed or was just dropped for falling behind. */
  boolean send(Event event) {
    if (closed) {
      return false;
    }
    if (response.writeQueueFull()) {
      LOG.warning("framework " + frameworkId + " fell more than " + MAX_BACKLOG_BYTES
        + " bytes behind on its event stream; dropping the stream");
      response.reset();
      close();
      return false;
    }
    response.write(Buffer.buffer(RecordIo.frame(type.encode(event))));
    return true;
  }

  /** Ends the stream and gives up the framework's address; the framework keeps its tasks. */
  Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    if (!response.ended() && !response.closed()) {
      response.end();
    }
    onClosed.run();
    return consumer.unregister();
  }
}
