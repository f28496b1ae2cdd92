package io.drover.master.mesos;

import com.google.protobuf.Message;
import io.drover.common.http.HttpErrors;
import io.drover.mesos.MediaType;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.serviceproxy.ServiceException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a call to one of Mesos's v1 APIs on a master goes through first, as in Mesos: only the
 * leader answers (a standby sends the caller on with {@code 307}), the body is JSON or protobuf as
 * its {@code Content-Type} says, and one that does not parse into the API's {@code Call} is refused
 * with {@code 400} before anything is asked of the master.
 */
final class V1Endpoint {

  /** Far above any sane call (an ACCEPT of a few hundred tasks); Mesos sets no lower bound. */
  static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  private final String path;
  private final String masterId;
  private final Supplier<Optional<LeaderInfo>> leader;

  /** @param leader the leading master as this one knows it; this master leads when it is named */
  V1Endpoint(String path, String masterId, Supplier<Optional<LeaderInfo>> leader) {
    this.path = path;
    this.masterId = masterId;
    this.leader = leader;
  }

  /** What an API does with a call that came through the front door, on the leading master. */
  interface CallHandler<M extends Message> {
    void handle(RoutingContext ctx, LeaderInfo leader, M call);
  }

  /** Serves the path: a call reaches {@code handler} only on the leader, parsed from a body of a known type. */
  <M extends Message> void mount(Router router, Supplier<Message.Builder> builder, CallHandler<M> handler) {
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(ctx ->
      leading(ctx).ifPresent(leader -> V1Endpoint.<M>call(ctx, builder.get())
        .ifPresent(call -> handler.handle(ctx, leader, call))));
  }

  /** This master's term when it leads; otherwise the request is answered ({@code 503} or {@code 307}). */
  private Optional<LeaderInfo> leading(RoutingContext ctx) {
    LeaderInfo current = leader.get().orElse(null);
    if (current == null) {
      HttpErrors.end(ctx, 503, "no leading master is elected");
      return Optional.empty();
    }
    if (!current.getMasterId().equals(masterId)) {
      ctx.response().setStatusCode(307).putHeader(HttpHeaders.LOCATION, "//" + current.address() + path).end();
      return Optional.empty();
    }
    return Optional.of(current);
  }

  /**
   * The call the body holds, parsed partially (required fields are the caller's to check, with
   * Mesos's words); empty when the request was answered {@code 415} or {@code 400}.
   */
  @SuppressWarnings("unchecked")
  private static <M extends Message> Optional<M> call(RoutingContext ctx, Message.Builder builder) {
    MediaType contentType = MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).orElse(null);
    if (contentType == null) {
      HttpErrors.end(ctx, 415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
      return Optional.empty();
    }
    try {
      byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      return Optional.of((M) contentType.decode(body, builder).buildPartial());
    } catch (Exception malformed) {
      HttpErrors.end(ctx, 400, "Failed to parse body into Call: " + oneLine(malformed.getMessage()));
      return Optional.empty();
    }
  }

  /** The type the answer is to be in ({@code Accept}, JSON when any will do); empty when answered {@code 406}. */
  static Optional<MediaType> answerType(RoutingContext ctx) {
    Optional<MediaType> type = MediaType.accepted(ctx.request().getHeader(HttpHeaders.ACCEPT));
    if (type.isEmpty()) {
      HttpErrors.end(ctx, 406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
    }
    return type;
  }

  /**
   * Answers {@code okStatus} once {@code change} is done, else the 4xx its ServiceException names
   * (503 for any other failure), with the failure's message.
   */
  static void answer(RoutingContext ctx, Future<?> change, int okStatus) {
    change.onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().setStatusCode(okStatus).end();
      } else {
        int status = done.cause() instanceof ServiceException e && e.failureCode() >= 400 && e.failureCode() < 500
          ? e.failureCode() : 503;
        HttpErrors.end(ctx, status, done.cause().getMessage());
      }
    });
  }

  private static String oneLine(String message) {
    return message == null ? "unreadable body" : message.replaceAll("\\s+", " ").strip();
  }
}
