package io.drover.mesos;

import com.google.protobuf.Message;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;
import java.util.logging.Logger;

/**
 * A chunked {@code 200} whose body is events framed as RecordIO, as Mesos's scheduler, operator
 * and executor streams are. A subscriber that stops reading is dropped once {@link #MAX_BACKLOG_BYTES}
 * wait unsent, so it never holds the server's memory; it subscribes again, as after any lost connection.
 */
public final class RecordIoStream {

  private static final Logger LOG = Logger.getLogger(RecordIoStream.class.getName());
  public static final int MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

  private final HttpServerResponse response;
  private final MediaType type;
  private final String subscriber;
  private final Runnable onClosed;
  private boolean closed;

  /**
   * @param subscriber who reads the stream, for the log
   * @param onClosed runs once, when the stream ends for any reason
   */
  public RecordIoStream(HttpServerResponse response, MediaType type, String subscriber, Runnable onClosed) {
    this.response = response;
    this.type = type;
    this.subscriber = subscriber;
    this.onClosed = onClosed;
    response.setWriteQueueMaxSize(MAX_BACKLOG_BYTES);
  }

  /** Writes the headers (with {@code headers} added); events follow. */
  public void open(Map<String, String> headers) {
    response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, type.value);
    headers.forEach(response::putHeader);
    response.closeHandler(v -> {
      if (!closed) {
        LOG.info(() -> subscriber + " closed its event stream");
        close();
      }
    });
  }

  public boolean isOpen() {
    return !closed;
  }

  /** Writes one event; false when the stream is closed or was just dropped for falling behind. */
  public boolean send(Message event) {
    if (closed) {
      return false;
    }
    if (response.writeQueueFull()) {
      LOG.warning(subscriber + " fell more than " + MAX_BACKLOG_BYTES
        + " bytes behind on its event stream; dropping the stream");
      response.reset();
      close();
      return false;
    }
    response.write(Buffer.buffer(RecordIo.frame(type.encode(event))));
    return true;
  }

  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!response.ended() && !response.closed()) {
      response.end();
    }
    onClosed.run();
  }
}
