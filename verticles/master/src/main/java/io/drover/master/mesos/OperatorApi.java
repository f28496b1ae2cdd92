package io.drover.master.mesos;

import io.drover.common.http.HttpErrors;
import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.MasterView;
import io.drover.master.view.TaskView;
import io.drover.mesos.MediaType;
import io.drover.mesos.MesosResources;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.Json;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.MasterService;
import io.drover.protocol.PersistentVolume;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mesos's v1 operator API on the master, {@code POST /api/v1}: the reads of Mesos 1.11's
 * {@code master.proto} rendered from a {@link MasterView}, {@code TEARDOWN} through the leader's
 * {@link MasterService}, {@code UPDATE_WEIGHTS}, {@code UPDATE_QUOTA}, {@code RESERVE_RESOURCES},
 * {@code UNRESERVE_RESOURCES}, {@code CREATE_VOLUMES} and {@code DESTROY_VOLUMES} likewise, and
 * {@code SUBSCRIBE}, a stream of what the leader sees change (it is the {@link OperatorEvents} the
 * leader tells). The maintenance calls (agents' drain, the schedule) go to {@link MaintenanceCalls}.
 * Calls for what Drover does not have (resizing volumes, marking agents gone, files) answer
 * {@code 501}. As in Mesos, a master
 * that does not lead redirects every call to the leader.
 */
public final class OperatorApi implements OperatorEvents {

  private static final Logger LOG = Logger.getLogger(OperatorApi.class.getName());
  public static final String PATH = "/api/v1";
  /** Mesos's {@code DEFAULT_HEARTBEAT_INTERVAL} for operator subscribers. */
  static final double HEARTBEAT_INTERVAL_SECONDS = 15;

  private final Vertx vertx;
  private final V1Endpoint endpoint;
  private final Supplier<MasterView> view;
  private final Function<MasterView, JsonObject> metrics;
  private final Map<String, String> flags;
  private final double heartbeatIntervalSeconds;
  private final OperatorResponses responses;
  private final MasterService master;
  private final Set<OperatorStream> streams = new LinkedHashSet<>();
  /** The maintenance calls; without them they answer 501. */
  private MaintenanceCalls maintenance;

  /**
   * @param view takes a view of the master on its context
   * @param metrics {@code /metrics/snapshot} of a view
   * @param flags this master's configuration, by flag name
   * @param agentIp an agent's IP address by its id, where known
   */
  public OperatorApi(Vertx vertx, String masterId, Supplier<Optional<LeaderInfo>> leader, Supplier<MasterView> view,
                     Function<MasterView, JsonObject> metrics, Map<String, String> flags,
                     Function<String, Optional<String>> agentIp) {
    this(vertx, masterId, leader, view, metrics, flags, agentIp, HEARTBEAT_INTERVAL_SECONDS);
  }

  OperatorApi(Vertx vertx, String masterId, Supplier<Optional<LeaderInfo>> leader, Supplier<MasterView> view,
              Function<MasterView, JsonObject> metrics, Map<String, String> flags,
              Function<String, Optional<String>> agentIp, double heartbeatIntervalSeconds) {
    this.vertx = vertx;
    this.endpoint = new V1Endpoint(PATH, masterId, leader);
    this.view = view;
    this.metrics = metrics;
    this.flags = Map.copyOf(flags);
    this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
    this.responses = new OperatorResponses(agentIp);
    this.master = MasterService.createLocalProxy(vertx);
  }

  /** Answers the maintenance calls (agents' drain, the schedule) through {@code calls}. */
  public void maintenance(MaintenanceCalls calls) {
    this.maintenance = calls;
  }

  public void mount(Router router) {
    endpoint.<Call>mount(router, Call::newBuilder, this::handle);
  }

  /** The term ended: every subscriber's stream ends, and it subscribes to the new leader. */
  public void closeAll() {
    new ArrayList<>(streams).forEach(OperatorStream::close);
  }

  private void handle(RoutingContext ctx, LeaderInfo current, Call call) {
    String problem = problem(call);
    if (problem == null && maintenance != null) {
      problem = MaintenanceCalls.problem(call);
    }
    if (problem != null) {
      HttpErrors.end(ctx, 400, "Failed to validate master::Call: " + problem);
      return;
    }
    MediaType type = V1Endpoint.answerType(ctx).orElse(null);
    if (type == null) {
      return;
    }
    if (maintenance != null && MaintenanceCalls.handles(call.getType())) {
      maintenance.handle(ctx, type, call);
      return;
    }
    switch (call.getType()) {
      case GET_HEALTH -> respond(ctx, type, responses.health(true));
      case GET_FLAGS -> respond(ctx, type, responses.flags(flags));
      case GET_VERSION -> respond(ctx, type, responses.version());
      case GET_METRICS -> respond(ctx, type, responses.metrics(metrics.apply(view.get())));
      case GET_LOGGING_LEVEL -> respond(ctx, type, responses.loggingLevel(loggingLevel()));
      case GET_STATE -> respond(ctx, type, responses.state(view.get()));
      case GET_AGENTS -> respond(ctx, type, responses.agents(view.get()));
      case GET_FRAMEWORKS -> respond(ctx, type, responses.frameworks(view.get()));
      case GET_EXECUTORS -> respond(ctx, type, responses.executors(view.get()));
      case GET_TASKS -> respond(ctx, type, responses.tasks(view.get()));
      case GET_ROLES -> respond(ctx, type, responses.roles(view.get()));
      case GET_WEIGHTS -> respond(ctx, type, responses.weights(view.get()));
      case GET_QUOTA -> respond(ctx, type, responses.quota(view.get()));
      case RESERVE_RESOURCES -> reserve(ctx, call.getReserveResources().getAgentId().getValue(),
        call.getReserveResources().getResourcesList(), false);
      case UNRESERVE_RESOURCES -> reserve(ctx, call.getUnreserveResources().getAgentId().getValue(),
        call.getUnreserveResources().getResourcesList(), true);
      case CREATE_VOLUMES -> volumes(ctx, call.getCreateVolumes().getAgentId().getValue(),
        call.getCreateVolumes().getVolumesList(), List.of());
      case DESTROY_VOLUMES -> volumes(ctx, call.getDestroyVolumes().getAgentId().getValue(), List.of(),
        call.getDestroyVolumes().getVolumesList());
      case UPDATE_QUOTA -> V1Endpoint.answer(ctx, master.updateQuotas(quotaRequest(call.getUpdateQuota())), 200);
      case UPDATE_WEIGHTS -> {
        JsonObject weights = new JsonObject();
        call.getUpdateWeights().getWeightInfosList().forEach(w -> weights.put(w.getRole(), w.getWeight()));
        V1Endpoint.answer(ctx, master.updateWeights(weights), 200);
      }
      case GET_OPERATIONS -> respond(ctx, type, responses.operations());
      case GET_MASTER -> {
        MasterView now = view.get();
        vertx.executeBlocking(() -> MesosAnnouncement.masterInfo(current))
          .onSuccess(info -> respond(ctx, type, responses.master(now, info)))
          .onFailure(e -> HttpErrors.end(ctx, 503, "could not describe this master: " + e.getMessage()));
      }
      case TEARDOWN -> V1Endpoint.answer(ctx, master.teardown(call.getTeardown().getFrameworkId().getValue()), 200);
      case SUBSCRIBE -> subscribe(ctx, type);
      default -> ctx.response().setStatusCode(501).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.JSON.value)
        .end(new JsonObject().put("message", "call " + call.getType() + " is not implemented by Drover")
          .put("call", call.getType().name()).encode());
    }
  }

  /** RESERVE_RESOURCES and UNRESERVE_RESOURCES: 202 once applied, as Mesos answers them. */
  private void reserve(RoutingContext ctx, String agentId, List<Protos.Resource> resources, boolean unreserve) {
    String role;
    JsonObject asked;
    try {
      role = MesosResources.reservationRole(resources);
      asked = Json.resources(MesosResources.fromProto(resources));
    } catch (IllegalArgumentException bad) {
      HttpErrors.end(ctx, 400, bad.getMessage());
      return;
    }
    V1Endpoint.answer(ctx, master.reserveResources(agentId, role, asked, unreserve), 202);
  }

  /** CREATE_VOLUMES and DESTROY_VOLUMES: 202 once applied, as Mesos answers them. */
  private void volumes(RoutingContext ctx, String agentId, List<Protos.Resource> create,
                       List<Protos.Resource> destroy) {
    List<PersistentVolume> creating = MesosVolumes.volumes(create);
    List<PersistentVolume> destroying = MesosVolumes.volumes(destroy);
    if (creating.size() != create.size() || destroying.size() != destroy.size()) {
      HttpErrors.end(ctx, 400, "each volume must be a disk resource with disk.persistence (an id) and disk.volume");
      return;
    }
    V1Endpoint.answer(ctx, master.changeVolumes(agentId, PersistentVolume.toJson(creating),
      PersistentVolume.toJson(destroying)), 202);
  }

  /** The request as the master service takes it. */
  private static JsonObject quotaRequest(Call.UpdateQuota update) {
    JsonArray configs = new JsonArray();
    for (QuotaConfig config : update.getQuotaConfigsList()) {
      JsonObject guarantees = new JsonObject();
      config.getGuaranteesMap().forEach((name, value) -> guarantees.put(name, value.getValue()));
      JsonObject limits = new JsonObject();
      config.getLimitsMap().forEach((name, value) -> limits.put(name, value.getValue()));
      configs.add(new JsonObject().put("role", config.getRole()).put("guarantees", guarantees).put("limits", limits));
    }
    return new JsonObject().put("force", update.getForce()).put("quota_configs", configs);
  }

  /** What Mesos's validation of a call says of what Drover takes: the type, and a call's own message where it needs one. */
  private static String problem(Call call) {
    if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
      return "Expecting 'type' to be present";
    }
    if (call.getType() == Call.Type.TEARDOWN && !call.getTeardown().hasFrameworkId()) {
      return "Expecting 'teardown' to be present";
    }
    if (call.getType() == Call.Type.UPDATE_WEIGHTS && !call.hasUpdateWeights()) {
      return "Expecting 'update_weights' to be present";
    }
    if (call.getType() == Call.Type.RESERVE_RESOURCES && !call.hasReserveResources()) {
      return "Expecting 'reserve_resources' to be present";
    }
    if (call.getType() == Call.Type.UNRESERVE_RESOURCES && !call.hasUnreserveResources()) {
      return "Expecting 'unreserve_resources' to be present";
    }
    if (call.getType() == Call.Type.CREATE_VOLUMES && !call.hasCreateVolumes()) {
      return "Expecting 'create_volumes' to be present";
    }
    if (call.getType() == Call.Type.DESTROY_VOLUMES && !call.hasDestroyVolumes()) {
      return "Expecting 'destroy_volumes' to be present";
    }
    if (call.getType() == Call.Type.UPDATE_QUOTA && !call.hasUpdateQuota()) {
      return "Expecting 'update_quota' to be present";
    }
    return null;
  }

  static void respond(RoutingContext ctx, MediaType type, Response response) {
    ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, type.value)
      .end(Buffer.buffer(type.encode(response)));
  }

  /** glog's verbosity, which Mesos answers, as Java logging's: 0 unless the root logger is finer than INFO. */
  private static int loggingLevel() {
    Level level = Logger.getLogger("").getLevel();
    if (level == null || level.intValue() >= Level.INFO.intValue()) {
      return 0;
    }
    return level.intValue() >= Level.FINE.intValue() ? 1 : level.intValue() >= Level.FINER.intValue() ? 2 : 3;
  }

  // ---- SUBSCRIBE

  private void subscribe(RoutingContext ctx, MediaType type) {
    String subscriber = "operator " + ctx.request().remoteAddress();
    OperatorStream stream = new OperatorStream(vertx, ctx.response(), type, subscriber, streams::remove);
    streams.add(stream);
    stream.open(responses.getState(view.get()), heartbeatIntervalSeconds);
    LOG.info(() -> subscriber + " subscribed to the operator event stream");
  }

  // ---- what the leader tells, for every subscriber

  @Override
  public boolean subscribed() {
    return !streams.isEmpty();
  }

  @Override
  public void taskAdded(TaskView task) {
    fanOut(() -> responses.task(task), OperatorStream::taskAdded);
  }

  @Override
  public void taskUpdated(TaskView task) {
    fanOut(() -> responses.task(task), OperatorStream::taskUpdated);
  }

  @Override
  public void agentAdded(AgentView agent) {
    fanOut(() -> responses.agent(agent), OperatorStream::agentAdded);
  }

  @Override
  public void agentRemoved(String agentId) {
    fanOut(() -> agentId, OperatorStream::agentRemoved);
  }

  @Override
  public void frameworkChanged(FrameworkView framework) {
    fanOut(() -> responses.framework(framework), OperatorStream::frameworkChanged);
  }

  @Override
  public void frameworkRemoved(FrameworkInfo framework) {
    fanOut(() -> OperatorResponses.frameworkInfo(framework), OperatorStream::frameworkRemoved);
  }

  /** Translates once, and only when someone listens. */
  private <T> void fanOut(Supplier<T> event, BiConsumer<OperatorStream, T> send) {
    if (streams.isEmpty()) {
      return;
    }
    T translated = event.get();
    for (OperatorStream stream : new ArrayList<>(streams)) {
      send.accept(stream, translated);
    }
  }
}
