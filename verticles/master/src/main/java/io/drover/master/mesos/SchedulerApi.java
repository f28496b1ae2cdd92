package io.drover.master.mesos;

import io.drover.common.Addresses;
import io.drover.common.http.HttpErrors;
import io.drover.mesos.MediaType;
import io.drover.mesos.MesosResources;
import io.drover.mesos.MesosUuids;
import io.drover.mesos.RecordIo;
import io.drover.protocol.AcknowledgeUpdate;
import io.drover.protocol.Envelope;
import io.drover.protocol.Filters;
import io.drover.protocol.FrameworkError;
import io.drover.protocol.FrameworkEvent;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.Json;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.MasterService;
import io.drover.protocol.InverseOffers;
import io.drover.protocol.OfferRescinded;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.ResourceOffers;
import io.drover.protocol.StatusUpdates;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.serviceproxy.ServiceException;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Mesos's v1 scheduler API, {@code POST /api/v1/scheduler}: a gateway in front of the leader's
 * {@link MasterService}, so frameworks in any language, over HTTP, share the allocator and its DRF
 * order with the frameworks on the event bus. A subscribed framework's events reach this gateway at
 * the framework's bus address and go out on its {@link SchedulerStream}. A standby master answers
 * {@code 307} with the leader's location, as Mesos does.
 */
public final class SchedulerApi {

  private static final Logger LOG = Logger.getLogger(SchedulerApi.class.getName());
  public static final String PATH = "/api/v1/scheduler";

  private final Vertx vertx;
  private final V1Endpoint endpoint;
  private final double heartbeatIntervalSeconds;
  private final Function<String, Optional<String>> agentIp;
  private final MasterService master;
  private final Map<String, SchedulerStream> streams = new HashMap<>();

  /**
   * @param leader the leading master as this one knows it; this master leads when it is named
   * @param agentIp an agent's IP address by its id, where known
   */
  public SchedulerApi(Vertx vertx, String masterId, Supplier<Optional<LeaderInfo>> leader,
                      double heartbeatIntervalSeconds, Function<String, Optional<String>> agentIp) {
    this.vertx = vertx;
    this.endpoint = new V1Endpoint(PATH, masterId, leader);
    this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
    this.agentIp = agentIp;
    this.master = MasterService.createLocalProxy(vertx);
  }

  public void mount(Router router) {
    endpoint.<Call>mount(router, Call::newBuilder, this::handle);
  }

  /** The term ended: every stream closes, and frameworks find the new leader and subscribe again. */
  public void closeAll() {
    new ArrayList<>(streams.values()).forEach(SchedulerStream::close);
  }

  private void handle(RoutingContext ctx, LeaderInfo current, Call call) {
    String problem = SchedulerCallCheck.problem(call);
    if (problem != null) {
      HttpErrors.end(ctx, 400, "Failed to validate scheduler::Call: " + problem);
      return;
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      subscribe(ctx, call.getSubscribe().getFrameworkInfo(), current);
      return;
    }
    String frameworkId = call.getFrameworkId().getValue();
    SchedulerStream stream = streams.get(frameworkId);
    String streamId = ctx.request().getHeader(SchedulerStream.STREAM_ID);
    if (streamId == null) {
      HttpErrors.end(ctx, 400, "All non-subscribe calls should include the '" + SchedulerStream.STREAM_ID + "' header");
      return;
    }
    if (stream == null) {
      HttpErrors.end(ctx, 403, "Framework is not subscribed");
      return;
    }
    if (!stream.id.equals(streamId)) {
      HttpErrors.end(ctx, 400, "The stream ID '" + streamId + "' included in this request didn't match the stream ID"
        + " currently associated with framework ID '" + frameworkId + "'");
      return;
    }
    V1Endpoint.answer(ctx, perform(call, stream), 202);
  }

  // ---- SUBSCRIBE

  private void subscribe(RoutingContext ctx, Protos.FrameworkInfo info, LeaderInfo current) {
    MediaType type = V1Endpoint.answerType(ctx).orElse(null);
    if (type == null) {
      return;
    }
    // the framework names itself, so its address listens before the leader's first offer
    String frameworkId = info.hasId() ? info.getId().getValue() : UUID.randomUUID() + "-0000";
    FrameworkInfo framework = frameworkInfo(frameworkId, info);
    String badRoles = rolesProblem(info, framework);
    if (badRoles != null) {
      refuseSubscription(ctx, new ServiceException(400, badRoles));
      return;
    }
    SchedulerStream previous = streams.remove(frameworkId);
    // one stream per framework: the old one must stop listening before the new one starts
    Future<Void> released = previous == null ? Future.succeededFuture() : previous.close();
    released.compose(v -> {
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.framework(frameworkId));
      SchedulerStream stream = new SchedulerStream(frameworkId, ctx.response(), type, consumer);
      consumer.handler(message -> receive(stream, message));
      return consumer.completion()
        .compose(listening -> master.subscribe(framework))
        .compose(subscribed -> vertx.executeBlocking(() -> MesosAnnouncement.masterInfo(current))
          .map(masterInfo -> {
            streams.put(frameworkId, stream);
            stream.open(MesosEvents.subscribed(frameworkId, subscribed.getHeartbeatIntervalSeconds(), masterInfo),
              subscribed.getEpoch(), () -> streams.remove(frameworkId, stream));
            LOG.info(() -> "framework " + frameworkId + " (" + info.getName() + ") subscribed over HTTP, stream "
              + stream.id);
            return (Void) null;
          }))
        .onFailure(e -> stream.close());
    }).onFailure(e -> refuseSubscription(ctx, e));
  }

  /**
   * The framework as the master keeps it. Its roles are Mesos's: {@code roles} with the MULTI_ROLE
   * capability, else {@code role} ({@code *} when unset).
   */
  private static FrameworkInfo frameworkInfo(String frameworkId, Protos.FrameworkInfo info) {
    return new FrameworkInfo(frameworkId, info.getName(), info.getUser(),
      info.hasHostname() ? info.getHostname() : null, info.hasWebuiUrl() ? info.getWebuiUrl() : null,
      info.getFailoverTimeout(), multiRole(info) ? info.getRolesList() : List.of(info.getRole()));
  }

  private static boolean multiRole(Protos.FrameworkInfo info) {
    return info.getCapabilitiesList().stream()
      .anyMatch(c -> c.getType() == Protos.FrameworkInfo.Capability.Type.MULTI_ROLE);
  }

  /**
   * Mesos's checks of how a framework names its roles, before anything is asked of the master: a
   * refused subscription must not open a stream.
   */
  private static String rolesProblem(Protos.FrameworkInfo info, FrameworkInfo framework) {
    if (multiRole(info) && info.hasRole()) {
      return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
    }
    if (!multiRole(info) && info.getRolesCount() > 0) {
      return "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable";
    }
    return framework.rolesProblem();
  }

  /**
   * A framework the master will not take (removed, or its info invalid): Mesos opens the stream,
   * sends an {@code ERROR} and closes it, so a scheduler learns why from its event loop.
   */
  private void refuseSubscription(RoutingContext ctx, Throwable cause) {
    if (ctx.response().headWritten()) {
      return;
    }
    if (cause instanceof ServiceException e && e.failureCode() == 409) {
      ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.JSON.value)
        .end(Buffer.buffer(RecordIo.frame(MediaType.JSON.encode(MesosEvents.error(e.getMessage())))));
      return;
    }
    int status = cause instanceof ServiceException e && e.failureCode() >= 400 && e.failureCode() < 500
      ? e.failureCode() : 503;
    HttpErrors.end(ctx, status, cause.getMessage());
  }

  // ---- events of the leader, for the framework

  private void receive(SchedulerStream stream, Message<JsonObject> message) {
    if (Envelope.epoch(message) < stream.epoch()) {
      message.fail(409, "stale epoch " + Envelope.epoch(message) + " < " + stream.epoch());
      return;
    }
    FrameworkEvent event = Envelope.action(message, FrameworkEvent.class);
    if (event == null) {
      return;
    }
    switch (event) {
      case HEARTBEAT -> answer(message, stream.send(MesosEvents.heartbeat()));
      // a receipt: offers a stream could not take go back to the pool at once
      case OFFERS -> answer(message, stream.send(MesosEvents.offers(new ResourceOffers(message.body()).getOffers())));
      case RESCIND -> stream.send(MesosEvents.rescind(new OfferRescinded(message.body()).getOfferId()));
      case UPDATES -> {
        for (TaskStatus status : new StatusUpdates(message.body()).getUpdates()) {
          // Mesos tells no framework its task is staging, only that it starts: a staging task is
          // seen on reconciliation alone
          if (status.getState() != TaskState.TASK_STAGING || status.getReason() == TaskReason.REASON_RECONCILIATION) {
            stream.send(MesosEvents.update(status, agentIp));
          }
        }
      }
      case MESSAGE -> stream.send(MesosEvents.message(new FrameworkMessage(message.body())));
      case INVERSE_OFFERS -> stream.send(MesosEvents.inverseOffers(new InverseOffers(message.body()).getInverseOffers()));
      case RESCIND_INVERSE_OFFER -> stream.send(MesosEvents.rescindInverseOffer(
        new OfferRescinded(message.body()).getOfferId()));
      case ERROR -> {
        stream.send(MesosEvents.error(new FrameworkError(message.body()).getMessage()));
        stream.close();
      }
    }
  }

  private static void answer(Message<JsonObject> message, boolean delivered) {
    if (delivered) {
      message.reply(null);
    } else {
      message.fail(503, "the framework's event stream is closed");
    }
  }

  // ---- the other calls

  private Future<Void> perform(Call call, SchedulerStream stream) {
    String frameworkId = stream.frameworkId;
    return switch (call.getType()) {
      case TEARDOWN -> master.teardown(frameworkId).onSuccess(v -> stream.close());
      case ACCEPT -> accept(call.getAccept(), stream);
      case DECLINE -> master.decline(frameworkId, offerIds(call.getDecline().getOfferIdsList()),
        filters(call.getDecline().getFilters()));
      case REVIVE -> master.revive(frameworkId);
      case SUPPRESS -> master.suppress(frameworkId);
      case KILL -> master.kill(frameworkId, call.getKill().getTaskId().getValue());
      case SHUTDOWN -> shutdown(frameworkId, call.getShutdown().getExecutorId().getValue());
      case ACKNOWLEDGE -> master.acknowledge(frameworkId, List.of(new AcknowledgeUpdate(
        call.getAcknowledge().getAgentId().getValue(), frameworkId, call.getAcknowledge().getTaskId().getValue(),
        MesosUuids.string(call.getAcknowledge().getUuid()).orElseThrow())));
      case RECONCILE -> master.reconcile(frameworkId,
        call.getReconcile().getTasksList().stream().map(t -> t.getTaskId().getValue()).toList());
      case RECONCILE_OPERATIONS -> {
        // Drover applies no offer operations but launches, so every operation asked about is unknown
        call.getReconcileOperations().getOperationsList().forEach(op ->
          stream.send(MesosEvents.operationUnknown(op.getOperationId(), op.hasAgentId() ? op.getAgentId() : null)));
        yield Future.succeededFuture();
      }
      case UPDATE_FRAMEWORK -> {
        Protos.FrameworkInfo info = call.getUpdateFramework().getFrameworkInfo();
        FrameworkInfo framework = frameworkInfo(frameworkId, info);
        String badRoles = rolesProblem(info, framework);
        yield badRoles != null ? ServiceException.fail(400, badRoles) : master.subscribe(framework).mapEmpty();
      }
      case MESSAGE -> master.message(frameworkId, new FrameworkMessage(call.getMessage().getAgentId().getValue(),
        frameworkId, call.getMessage().getExecutorId().getValue(), call.getMessage().getData().toByteArray()));
      case ACCEPT_INVERSE_OFFERS -> master.acceptInverseOffers(frameworkId,
        offerIds(call.getAcceptInverseOffers().getInverseOfferIdsList()), filters(call.getAcceptInverseOffers().getFilters()));
      case DECLINE_INVERSE_OFFERS -> master.declineInverseOffers(frameworkId,
        offerIds(call.getDeclineInverseOffers().getInverseOfferIdsList()),
        filters(call.getDeclineInverseOffers().getFilters()));
      // the allocator, as Mesos's, ignores requests; no operation status awaits acknowledgement
      case REQUEST, ACKNOWLEDGE_OPERATION_STATUS -> Future.succeededFuture();
      default -> ServiceException.fail(400, "call " + call.getType() + " is not supported");
    };
  }

  /**
   * Mesos answers an ACCEPT {@code 202} whatever it holds; what cannot be launched comes back as
   * updates: tasks of invalid offers {@code TASK_LOST} with {@code REASON_INVALID_OFFERS}, invalid
   * tasks {@code TASK_ERROR} with {@code REASON_TASK_INVALID}. A refused accept uses its offers up.
   * RESERVE, UNRESERVE, CREATE and DESTROY are applied before the launches, which may use what they
   * reserve and the volumes they create; a refused one refuses the launches with it. Other operations
   * are not applied; one that carries an id is answered {@code OPERATION_ERROR}.
   */
  private Future<Void> accept(Call.Accept accept, SchedulerStream stream) {
    String frameworkId = stream.frameworkId;
    List<TaskInfo> tasks = new ArrayList<>();
    List<TaskStatus> refused = new ArrayList<>();
    Resources reserve = Resources.EMPTY;
    Resources unreserve = Resources.EMPTY;
    List<PersistentVolume> create = new ArrayList<>();
    List<PersistentVolume> destroy = new ArrayList<>();
    for (Protos.Offer.Operation operation : accept.getOperationsList()) {
      switch (operation.getType()) {
        case RESERVE -> reserve = reserve.plus(resourcesOf(operation.getReserve().getResourcesList()));
        case UNRESERVE -> unreserve = unreserve.plus(resourcesOf(operation.getUnreserve().getResourcesList()));
        case CREATE -> create.addAll(MesosVolumes.volumes(operation.getCreate().getVolumesList()));
        case DESTROY -> destroy.addAll(MesosVolumes.volumes(operation.getDestroy().getVolumesList()));
        case LAUNCH -> operation.getLaunch().getTaskInfosList().forEach(task -> {
          MesosTasks.Translated translated = MesosTasks.fromProto(task, frameworkId);
          if (translated.task() != null) {
            tasks.add(translated.task());
          } else {
            refused.add(TaskStatus.fromMaster(translated.taskId(), frameworkId, task.getAgentId().getValue(),
              TaskState.TASK_ERROR, TaskReason.REASON_TASK_INVALID, translated.problem()));
          }
        });
        case LAUNCH_GROUP -> {
          Protos.Offer.Operation.LaunchGroup group = operation.getLaunchGroup();
          List<MesosTasks.Translated> translated = MesosTasks.fromProto(group.getExecutor(), group.getTaskGroup(),
            frameworkId);
          // all or nothing: one invalid task keeps the whole group back
          String problem = translated.stream().map(MesosTasks.Translated::problem).filter(p -> p != null).findFirst()
            .orElse(null);
          for (int i = 0; i < translated.size(); i++) {
            MesosTasks.Translated task = translated.get(i);
            if (problem == null) {
              tasks.add(task.task());
            } else {
              refused.add(TaskStatus.fromMaster(task.taskId(), frameworkId,
                group.getTaskGroup().getTasks(i).getAgentId().getValue(), TaskState.TASK_ERROR,
                task.problem() != null ? TaskReason.REASON_TASK_INVALID : TaskReason.REASON_TASK_GROUP_INVALID,
                task.problem() != null ? task.problem() : "its task group is invalid: " + problem));
            }
          }
        }
        default -> {
          if (operation.hasId()) {
            stream.send(MesosEvents.operationError(operation.getId(),
              operation.getType() + " is not supported: Drover applies LAUNCH operations only"));
          }
        }
      }
    }
    refused.forEach(status -> stream.send(MesosEvents.update(status, agentIp)));
    if (accept.getOfferIdsCount() == 0) {
      refuse(tasks, stream, TaskState.TASK_LOST, TaskReason.REASON_INVALID_OFFERS, "the accept names no offers");
      return Future.succeededFuture();
    }
    JsonObject reservations = new JsonObject().put("reserve", Json.resources(reserve))
      .put("unreserve", Json.resources(unreserve)).put("create", PersistentVolume.toJson(create))
      .put("destroy", PersistentVolume.toJson(destroy));
    return master.acceptWithReservations(frameworkId, offerIds(accept.getOfferIdsList()), reservations, tasks,
        filters(accept.getFilters()))
      .recover(e -> {
        boolean invalidOffers = e instanceof ServiceException s && s.failureCode() == 404;
        // the framework was answered 202, so holds the offers for used, as Mesos uses them up: they go
        // back now, not when the offer timeout would rescind them; as in Mesos, with the accept's
        // filters when its tasks were at fault, so a framework repeating a bad launch is not flooded
        Filters filters = invalidOffers ? new Filters(0) : filters(accept.getFilters());
        return master.decline(frameworkId, offerIds(accept.getOfferIdsList()), filters)
          .otherwiseEmpty()
          .onComplete(declined -> refuse(tasks, stream, invalidOffers ? TaskState.TASK_LOST : TaskState.TASK_ERROR,
            invalidOffers ? TaskReason.REASON_INVALID_OFFERS : TaskReason.REASON_TASK_INVALID, e.getMessage()));
      });
  }

  /**
   * The resources of a RESERVE or UNRESERVE; none when Drover cannot take them (a volume, say),
   * which Mesos would refuse: the master then refuses the launches that counted on them.
   */
  private static Resources resourcesOf(List<Protos.Resource> resources) {
    try {
      return MesosResources.fromProto(resources);
    } catch (IllegalArgumentException unsupported) {
      LOG.info(() -> "a reservation operation Drover cannot apply: " + unsupported.getMessage());
      return Resources.EMPTY;
    }
  }

  private void refuse(List<TaskInfo> tasks, SchedulerStream stream, TaskState state, TaskReason reason,
                      String message) {
    for (TaskInfo task : tasks) {
      stream.send(MesosEvents.update(TaskStatus.fromMaster(task.getTaskId(), stream.frameworkId, task.getAgentId(),
        state, reason, message), agentIp));
    }
  }

  /** A command task's executor is named after its task: shutting it down kills the task. */
  private Future<Void> shutdown(String frameworkId, String executorId) {
    return master.tasks(frameworkId).compose(tasks -> tasks.stream()
      .anyMatch(t -> t.getTask().getTaskId().equals(executorId))
      ? master.kill(frameworkId, executorId) : Future.succeededFuture());
  }

  private static List<String> offerIds(List<OfferID> ids) {
    return ids.stream().map(OfferID::getValue).toList();
  }

  private static Filters filters(Protos.Filters filters) {
    return new Filters(filters.getRefuseSeconds());
  }
}
