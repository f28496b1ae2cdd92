package io.drover.agent;

import io.drover.agent.FrameworkExecutor.Phase;
import io.drover.common.http.HttpErrors;
import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIoStream;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.mesos.v1.executor.Protos.Call;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mesos 1.11's v1 executor API, {@code POST /api/v1/executor}, JSON or protobuf: {@code SUBSCRIBE}
 * opens the executor's RecordIO event stream, {@code UPDATE} and {@code MESSAGE} answer {@code 202}.
 * An executor authenticates with the token the agent gave it (Mesos's executor secret, as
 * {@code Authorization: Bearer}), which names it: a call for another executor or framework, or about
 * a task that is not its own, is refused and changes nothing.
 */
final class ExecutorApi {

  static final String PATH = "/api/v1/executor";
  /** A few thousand unacknowledged updates and tasks in a re-subscription fit well below it. */
  static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  private final Function<String, Optional<FrameworkExecutors.Session>> sessions;

  /** @param sessions the executor a token belongs to, with the agent's executors that hold it */
  ExecutorApi(Function<String, Optional<FrameworkExecutors.Session>> sessions) {
    this.sessions = sessions;
  }

  /** Serves the API ahead of the operator's authentication: executors bring their own tokens. */
  void mount(Router router) {
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String token = authorization != null && authorization.startsWith("Bearer ")
      ? authorization.substring("Bearer ".length()).trim() : null;
    Optional<FrameworkExecutors.Session> session = token == null ? Optional.empty() : sessions.apply(token);
    if (session.isEmpty()) {
      HttpErrors.end(ctx, 401, token == null
        ? "an executor authenticates with 'Authorization: Bearer <MESOS_EXECUTOR_AUTHENTICATION_TOKEN>'"
        : "no executor on this agent has this token");
      return;
    }
    MediaType contentType = MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).orElse(null);
    if (contentType == null) {
      HttpErrors.end(ctx, 415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
      return;
    }
    Call call;
    try {
      byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      call = (Call) contentType.decode(body, Call.newBuilder()).buildPartial();
    } catch (Exception malformed) {
      HttpErrors.end(ctx, 400, "Failed to parse body into Call: "
        + String.valueOf(malformed.getMessage()).replaceAll("\\s+", " ").strip());
      return;
    }
    FrameworkExecutors executors = session.get().executors();
    FrameworkExecutor executor = session.get().executor();
    String missing = missing(call);
    if (missing != null) {
      HttpErrors.end(ctx, 400, missing);
      return;
    }
    if (!call.getFrameworkId().getValue().equals(executor.framework.getId())
      || !call.getExecutorId().getValue().equals(executor.info.getExecutorId())) {
      HttpErrors.end(ctx, 403, "the call is for executor " + call.getExecutorId().getValue() + " of framework "
        + call.getFrameworkId().getValue() + ", but the token is " + executor.describe() + "'s");
      return;
    }
    switch (call.getType()) {
      case SUBSCRIBE -> subscribe(ctx, executors, executor, call.getSubscribe());
      case UPDATE -> accepted(ctx, executors.update(executor, call.getUpdate()));
      case MESSAGE -> accepted(ctx, executors.message(executor, call.getMessage().getData().toByteArray()));
      default -> HttpErrors.end(ctx, 400, "call " + call.getType() + " is not one an executor makes");
    }
  }

  /** What Mesos's validation of an executor call says is missing, or null. */
  private static String missing(Call call) {
    if (!call.hasType()) {
      return "Expecting 'type' to be present";
    }
    if (!call.hasFrameworkId()) {
      return "Expecting 'framework_id' to be present";
    }
    if (!call.hasExecutorId()) {
      return "Expecting 'executor_id' to be present";
    }
    return switch (call.getType()) {
      case SUBSCRIBE -> call.hasSubscribe() ? null : "Expecting 'subscribe' to be present";
      case UPDATE -> !call.hasUpdate() ? "Expecting 'update' to be present"
        : !call.getUpdate().getStatus().hasTaskId() || !call.getUpdate().getStatus().hasState()
        ? "Expecting 'update.status' with 'task_id' and 'state'" : null;
      case MESSAGE -> call.hasMessage() ? null : "Expecting 'message' to be present";
      default -> null;
    };
  }

  private static void subscribe(RoutingContext ctx, FrameworkExecutors executors, FrameworkExecutor executor,
                                Call.Subscribe subscribe) {
    if (executor.phase == Phase.TERMINATING) {
      HttpErrors.end(ctx, 403, executor.describe() + " is shutting down");
      return;
    }
    Optional<MediaType> type = MediaType.accepted(ctx.request().getHeader(HttpHeaders.ACCEPT));
    if (type.isEmpty()) {
      HttpErrors.end(ctx, 406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
      return;
    }
    RecordIoStream[] opened = new RecordIoStream[1];
    opened[0] = new RecordIoStream(ctx.response(), type.get(), executor.describe(),
      () -> executors.disconnected(executor, opened[0]));
    opened[0].open(Map.of());
    executors.subscribe(executor, subscribe, opened[0]);
  }

  private static void accepted(RoutingContext ctx, String problem) {
    if (problem != null) {
      HttpErrors.end(ctx, 400, problem);
    } else {
      ctx.response().setStatusCode(202).end();
    }
  }
}
