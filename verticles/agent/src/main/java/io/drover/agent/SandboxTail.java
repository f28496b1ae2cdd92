package io.drover.agent;

import io.drover.common.http.HttpErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /files/tail?agent_id=&task_id=&file=stdout|stderr}: a task's output as an event stream, like
 * {@code tail -f}: the last {@value #BACKLOG_BYTES} bytes first, then whatever the task writes, as it
 * writes it. Each event's data is {@code {"data": text, "offset": n, "end": m}}, the bytes [n, m) of
 * the file, cut on character boundaries. A file that turns out to lie outside the sandbox (a link
 * the task planted) ends the stream with an {@code error} event. It is the agent that watches the
 * file (a local stat every {@value #CHECK_MS} ms), so nobody polls across the network.
 */
final class SandboxTail {

  static final int BACKLOG_BYTES = 64 * 1024;
  /** The most one event carries, so a task that floods its log cannot make one huge message. */
  static final int CHUNK_BYTES = 64 * 1024;
  static final long CHECK_MS = 200;
  /** A comment this often lets a vanished client be noticed when the task writes nothing. */
  static final long KEEPALIVE_MS = 15_000;
  private static final Set<String> FILES = Set.of("stdout", "stderr");

  private final Vertx vertx;
  private final SandboxFiles files;
  private final Supplier<List<AgentView>> agents;

  SandboxTail(Vertx vertx, SandboxFiles files, Supplier<List<AgentView>> agents) {
    this.vertx = vertx;
    this.files = files;
    this.agents = agents;
  }

  void handle(RoutingContext ctx) {
    String agentId = ctx.request().getParam("agent_id");
    String taskId = ctx.request().getParam("task_id");
    String file = ctx.request().getParam("file", "stdout");
    if (!FILES.contains(file)) {
      HttpErrors.end(ctx, 400, "file must be stdout or stderr, not " + file);
      return;
    }
    Optional<Path> sandbox = sandboxOf(agentId, taskId);
    if (sandbox.isEmpty()) {
      HttpErrors.end(ctx, 404, "no task " + taskId + " on agent " + agentId + " here");
      return;
    }
    String path = sandbox.get().resolve(file).toString();
    HttpServerResponse response = ctx.response().setChunked(true)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    response.write(": tail of " + file + "\n\n");
    new Follower(path, response).start();
  }

  private Optional<Path> sandboxOf(String agentId, String taskId) {
    return TaskSandboxFiles.sandboxOf(agents.get(), agentId, taskId);
  }

  /** How many bytes of {@code data} end on a character boundary: a UTF-8 sequence is never split between events. */
  static int wholeCharacters(Buffer data) {
    int end = data.length();
    int back = 0;
    while (back < 3 && end - back > 0 && (data.getByte(end - back - 1) & 0xC0) == 0x80) {
      back++;
    }
    if (end - back > 0) {
      int lead = data.getByte(end - back - 1) & 0xFF;
      int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (needed > back + 1) {
        return end - back - 1;
      }
    }
    return end;
  }

  /** How many bytes at the start of {@code data} continue a character begun before it (at most 3). */
  static int leadingContinuationBytes(Buffer data) {
    int skip = 0;
    while (skip < 3 && skip < data.length() && (data.getByte(skip) & 0xC0) == 0x80) {
      skip++;
    }
    return skip;
  }

  /** One client following one file; it stops when the client goes. */
  private final class Follower {
    private final String path;
    private final HttpServerResponse response;
    private long offset = -1;
    private boolean reading;
    private boolean closed;
    private long lastWriteMs = System.currentTimeMillis();
    private long timer;

    Follower(String path, HttpServerResponse response) {
      this.path = path;
      this.response = response;
    }

    void start() {
      response.closeHandler(v -> stop());
      response.exceptionHandler(e -> stop());
      timer = vertx.setPeriodic(1, CHECK_MS, id -> check());
    }

    private void stop() {
      closed = true;
      vertx.cancelTimer(timer);
    }

    private void check() {
      // one read at a time, and none while the client cannot keep up
      if (reading || closed || response.writeQueueFull()) {
        return;
      }
      reading = true;
      // confined again on every read: a task may swap its log for a link at any time
      files.confined(Path.of(path))
        .compose(real -> vertx.fileSystem().props(real.toString()).compose(props -> props.isRegularFile()
          ? readFrom(real, props.size())
          : Future.failedFuture(new SecurityException(path + " is not a regular file"))))
        .onComplete(ar -> {
          reading = false;
          if (ar.failed() && ar.cause() instanceof SecurityException refused) {
            refuse(refused.getMessage());
          } else if (ar.succeeded() && ar.result()) {
            check(); // more is there already: catch up now rather than at the next tick
          }
          // a file not there yet (the task has not written) is simply waited for
        });
    }

    /** Reads what is new; true when there is more to read at once. */
    private Future<Boolean> readFrom(Path real, long size) {
      boolean first = offset < 0;
      if (first || size < offset) {
        // first look, or the file was truncated: start from its recent end
        offset = Math.max(0, size - BACKLOG_BYTES);
      }
      if (size == offset) {
        keepAlive();
        return Future.succeededFuture(false);
      }
      int count = (int) Math.min(CHUNK_BYTES, size - offset);
      long start = offset;
      return vertx.fileSystem().open(real.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
        .compose(file -> file.read(Buffer.buffer(count), 0, start, count).eventually(file::close))
        .map(data -> {
          // a backlog cut into the file may begin inside a character: skip to the next one
          int skip = start > 0 && first ? leadingContinuationBytes(data) : 0;
          int whole = wholeCharacters(data);
          if (closed || whole <= skip) {
            return false;
          }
          offset = start + whole;
          send(new JsonObject().put("data", data.getString(skip, whole)).put("offset", start + skip)
            .put("end", offset).encode());
          return offset < size;
        });
    }

    private void refuse(String why) {
      stop();
      response.end("event: error\ndata: " + new JsonObject().put("message", why).encode() + "\n\n");
    }

    private void keepAlive() {
      if (System.currentTimeMillis() - lastWriteMs >= KEEPALIVE_MS) {
        response.write(": keep-alive\n\n");
        lastWriteMs = System.currentTimeMillis();
      }
    }

    private void send(String json) {
      response.write("data: " + json + "\n\n");
      lastWriteMs = System.currentTimeMillis();
    }
  }
}
