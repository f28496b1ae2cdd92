package io.drover.master.mesos;

import com.google.protobuf.util.JsonFormat;
import io.drover.common.http.HttpErrors;
import io.drover.master.AgentMaintenance;
import io.drover.master.state.InverseOfferBook;
import io.drover.master.state.MachineId;
import io.drover.master.state.MachineModes;
import io.drover.master.state.MaintenanceSchedule;
import io.drover.mesos.MediaType;
import io.drover.mesos.MesosJson;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.maintenance.Protos.ClusterStatus;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Mesos's maintenance calls of the operator API (agents' deactivation and drain, the maintenance
 * schedule, machines down and up) and the same on Mesos's HTTP endpoints
 * ({@code /master/maintenance/schedule}, {@code /master/maintenance/status},
 * {@code /master/machine/down}, {@code /master/machine/up}), in Mesos's JSON shapes. They are
 * carried out by the leader's {@link AgentMaintenance}; a standby redirects.
 */
public final class MaintenanceCalls {

  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Supplier<Optional<AgentMaintenance>> maintenance;
  private final Supplier<Optional<LeaderInfo>> leader;

  /**
   * @param maintenance the leader's, while this master leads
   * @param leader the leading master as this one knows it, for redirects
   */
  public MaintenanceCalls(Supplier<Optional<AgentMaintenance>> maintenance, Supplier<Optional<LeaderInfo>> leader) {
    this.maintenance = maintenance;
    this.leader = leader;
  }

  // ---- the operator API

  /** Whether this class answers calls of the type. */
  static boolean handles(Call.Type type) {
    return switch (type) {
      case DRAIN_AGENT, DEACTIVATE_AGENT, REACTIVATE_AGENT, UPDATE_MAINTENANCE_SCHEDULE, GET_MAINTENANCE_SCHEDULE,
           GET_MAINTENANCE_STATUS, START_MAINTENANCE, STOP_MAINTENANCE -> true;
      default -> false;
    };
  }

  /** Mesos's check that a call carries its message, or null. */
  static String problem(Call call) {
    return switch (call.getType()) {
      case DRAIN_AGENT -> call.hasDrainAgent() && call.getDrainAgent().hasAgentId() ? null
        : "Expecting 'drain_agent' to be present";
      case DEACTIVATE_AGENT -> call.hasDeactivateAgent() && call.getDeactivateAgent().hasAgentId() ? null
        : "Expecting 'deactivate_agent' to be present";
      case REACTIVATE_AGENT -> call.hasReactivateAgent() && call.getReactivateAgent().hasAgentId() ? null
        : "Expecting 'reactivate_agent' to be present";
      case UPDATE_MAINTENANCE_SCHEDULE -> call.hasUpdateMaintenanceSchedule() ? null
        : "Expecting 'update_maintenance_schedule' to be present";
      case START_MAINTENANCE -> call.hasStartMaintenance() ? null : "Expecting 'start_maintenance' to be present";
      case STOP_MAINTENANCE -> call.hasStopMaintenance() ? null : "Expecting 'stop_maintenance' to be present";
      default -> null;
    };
  }

  /** Answers one call on the leader. */
  void handle(RoutingContext ctx, MediaType type, Call call) {
    Optional<AgentMaintenance> leading = maintenance.get();
    if (leading.isEmpty()) {
      HttpErrors.end(ctx, 503, "this master no longer leads");
      return;
    }
    AgentMaintenance m = leading.get();
    try {
      switch (call.getType()) {
        case DRAIN_AGENT -> {
          Call.DrainAgent drain = call.getDrainAgent();
          if (drain.getMarkGone()) {
            HttpErrors.end(ctx, 501, "'mark_gone' is not implemented by Drover: drain without it");
            return;
          }
          Double grace = drain.hasMaxGracePeriod()
            ? drain.getMaxGracePeriod().getSeconds() + drain.getMaxGracePeriod().getNanos() / 1e9 : null;
          answer(ctx, m.drains().drain(drain.getAgentId().getValue(), grace, false));
        }
        case DEACTIVATE_AGENT -> answer(ctx, m.drains().deactivate(call.getDeactivateAgent().getAgentId().getValue()));
        case REACTIVATE_AGENT -> answer(ctx, m.drains().reactivate(call.getReactivateAgent().getAgentId().getValue()));
        case UPDATE_MAINTENANCE_SCHEDULE -> answer(ctx, m.updateSchedule(MaintenanceSchedule.fromJson(
          new JsonObject(MesosJson.print(call.getUpdateMaintenanceSchedule().getSchedule())))));
        case START_MAINTENANCE -> answer(ctx, m.startMaintenance(machines(call.getStartMaintenance().getMachinesList())));
        case STOP_MAINTENANCE -> answer(ctx, m.stopMaintenance(machines(call.getStopMaintenance().getMachinesList())));
        case GET_MAINTENANCE_SCHEDULE -> {
          Schedule.Builder schedule = Schedule.newBuilder();
          JsonFormat.parser().merge(m.machines().schedule().toJson().encode(), schedule);
          OperatorApi.respond(ctx, type, Response.newBuilder().setType(Response.Type.GET_MAINTENANCE_SCHEDULE)
            .setGetMaintenanceSchedule(Response.GetMaintenanceSchedule.newBuilder().setSchedule(schedule)).build());
        }
        case GET_MAINTENANCE_STATUS -> {
          ClusterStatus.Builder status = ClusterStatus.newBuilder();
          JsonFormat.parser().merge(status(m).encode(), status);
          OperatorApi.respond(ctx, type, Response.newBuilder().setType(Response.Type.GET_MAINTENANCE_STATUS)
            .setGetMaintenanceStatus(Response.GetMaintenanceStatus.newBuilder().setStatus(status)).build());
        }
        default -> HttpErrors.end(ctx, 501, "call " + call.getType() + " is not implemented by Drover");
      }
    } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException malformed) {
      HttpErrors.end(ctx, 400, malformed.getMessage());
    }
  }

  private static List<MachineId> machines(List<MachineID> ids) {
    return ids.stream().map(id -> new MachineId(id.getHostname(), id.getIp())).toList();
  }

  /** Mesos's {@code ClusterStatus}: the draining machines with their frameworks' answers, and the machines down. */
  static JsonObject status(AgentMaintenance m) {
    MachineModes machines = m.machines();
    JsonArray draining = new JsonArray();
    for (MachineId machine : machines.schedule().machines()) {
      if (machines.mode(machine) != MachineModes.Mode.DRAINING) {
        continue;
      }
      JsonArray statuses = new JsonArray();
      for (String agentId : m.agentsOn(machine)) {
        Map<String, InverseOfferBook.Status> answers = m.inverseOffers().statuses().getOrDefault(agentId, Map.of());
        answers.forEach((frameworkId, status) -> statuses.add(new JsonObject().put("status", status.answer().name())
          .put("framework_id", new JsonObject().put("value", frameworkId))
          .put("timestamp", new JsonObject().put("nanoseconds", Math.round(status.timestamp() * 1e9)))));
      }
      draining.add(new JsonObject().put("id", machine.toJson()).put("statuses", statuses));
    }
    return new JsonObject().put("draining_machines", draining)
      .put("down_machines", new JsonArray(machines.down().stream().map(MachineId::toJson).toList()));
  }

  // ---- Mesos's HTTP endpoints

  public void mount(Router router) {
    router.get("/master/maintenance/schedule").handler(ctx ->
      leading(ctx, m -> ctx.json(m.machines().schedule().toJson())));
    router.get("/master/maintenance/status").handler(ctx -> leading(ctx, m -> ctx.json(status(m))));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/master/maintenance/schedule").handler(body).handler(ctx -> leading(ctx, m -> {
      MaintenanceSchedule schedule;
      try {
        schedule = MaintenanceSchedule.fromJson(ctx.body().asJsonObject());
      } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException malformed) {
        HttpErrors.end(ctx, 400, "Failed to convert JSON into a Schedule: " + malformed.getMessage());
        return;
      }
      answer(ctx, m.updateSchedule(schedule));
    }));
    router.post("/master/machine/down").handler(body).handler(ctx ->
      leading(ctx, m -> machinesBody(ctx).ifPresent(ids -> answer(ctx, m.startMaintenance(ids)))));
    router.post("/master/machine/up").handler(body).handler(ctx ->
      leading(ctx, m -> machinesBody(ctx).ifPresent(ids -> answer(ctx, m.stopMaintenance(ids)))));
  }

  /** A JSON array of {@code MachineID}s; empty when answered 400. */
  private static Optional<List<MachineId>> machinesBody(RoutingContext ctx) {
    try {
      return Optional.of(MaintenanceSchedule.machines(ctx.body().asJsonArray()));
    } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException malformed) {
      HttpErrors.end(ctx, 400, "Failed to convert JSON into a list of MachineIDs: " + malformed.getMessage());
      return Optional.empty();
    }
  }

  /** Runs {@code action} on the leader; a standby redirects to it (307), as Mesos's endpoints do. */
  private void leading(RoutingContext ctx, java.util.function.Consumer<AgentMaintenance> action) {
    Optional<AgentMaintenance> m = maintenance.get();
    if (m.isPresent()) {
      action.accept(m.get());
      return;
    }
    Optional<LeaderInfo> current = leader.get();
    if (current.isEmpty()) {
      HttpErrors.end(ctx, 503, "no leading master is elected");
    } else {
      ctx.response().setStatusCode(307)
        .putHeader(HttpHeaders.LOCATION, "//" + current.get().address() + ctx.request().uri()).end();
    }
  }

  private static void answer(RoutingContext ctx, Future<?> change) {
    V1Endpoint.answer(ctx, change, 200);
  }
}
