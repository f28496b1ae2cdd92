package io.drover.master.mesos;

import com.google.protobuf.ByteString;
import io.drover.mesos.MesosResources;
import io.drover.mesos.MesosUuids;
import io.drover.protocol.FrameworkMessage;
import io.drover.protocol.InverseOffer;
import io.drover.protocol.Offer;
import io.drover.protocol.CheckStatus;
import io.drover.protocol.TaskStatus;
import io.drover.protocol.Unavailability;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Event;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What the master tells a framework, as Mesos's scheduler {@code Event}s. */
public final class MesosEvents {

  private MesosEvents() {
  }

  public static Event subscribed(String frameworkId, double heartbeatIntervalSeconds, MasterInfo master) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
      .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
      .setHeartbeatIntervalSeconds(heartbeatIntervalSeconds)
      .setMasterInfo(master)).build();
  }

  public static Event offers(List<Offer> offers) {
    Event.Offers.Builder list = Event.Offers.newBuilder();
    offers.forEach(offer -> list.addOffers(offer(offer)));
    return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(list).build();
  }

  static Protos.Offer offer(Offer offer) {
    Protos.Offer.Builder proto = Protos.Offer.newBuilder()
      .setId(OfferID.newBuilder().setValue(offer.getId()))
      .setFrameworkId(FrameworkID.newBuilder().setValue(offer.getFrameworkId()))
      .setAgentId(AgentID.newBuilder().setValue(offer.getAgentId()))
      .setHostname(offer.getHostname())
      .addAllResources(MesosResources.offered(offer.resources(), offer.reserved(), offer.dynamic(), offer.getRole()))
      .addAllResources(offer.volumes().stream().map(MesosVolumes::toProto).toList())
      .addAllAttributes(MesosResources.toProto(offer.attributes()))
      .setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole(offer.getRole()));
    if (offer.unavailability() != null) {
      proto.setUnavailability(unavailability(offer.unavailability()));
    }
    return proto.build();
  }

  static Protos.Unavailability unavailability(Unavailability window) {
    Protos.Unavailability.Builder proto = Protos.Unavailability.newBuilder()
      .setStart(Protos.TimeInfo.newBuilder().setNanoseconds(window.getStartNanos()));
    if (window.getDurationNanos() != null) {
      proto.setDuration(Protos.DurationInfo.newBuilder().setNanoseconds(window.getDurationNanos()));
    }
    return proto.build();
  }

  /** Mesos's {@code INVERSE_OFFERS}: each asks for the whole agent back (no resources named). */
  public static Event inverseOffers(List<InverseOffer> offers) {
    Event.InverseOffers.Builder event = Event.InverseOffers.newBuilder();
    for (InverseOffer offer : offers) {
      event.addInverseOffers(Protos.InverseOffer.newBuilder()
        .setId(OfferID.newBuilder().setValue(offer.getId()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(offer.getFrameworkId()))
        .setAgentId(AgentID.newBuilder().setValue(offer.getAgentId()))
        .setUnavailability(unavailability(offer.getUnavailability())));
    }
    return Event.newBuilder().setType(Event.Type.INVERSE_OFFERS).setInverseOffers(event).build();
  }

  public static Event rescindInverseOffer(String inverseOfferId) {
    return Event.newBuilder().setType(Event.Type.RESCIND_INVERSE_OFFER).setRescindInverseOffer(
      Event.RescindInverseOffer.newBuilder().setInverseOfferId(OfferID.newBuilder().setValue(inverseOfferId))).build();
  }

  public static Event rescind(String offerId) {
    return Event.newBuilder().setType(Event.Type.RESCIND)
      .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId))).build();
  }

  /** @param agentIp the IP address of an agent by its id, where known, for the task's network info */
  public static Event update(TaskStatus status, Function<String, Optional<String>> agentIp) {
    return Event.newBuilder().setType(Event.Type.UPDATE)
      .setUpdate(Event.Update.newBuilder().setStatus(status(status, agentIp))).build();
  }

  public static Event error(String message) {
    return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
  }

  /** An offer operation Drover does not apply; no acknowledgement is asked for. */
  static Event operationError(Protos.OperationID operationId, String message) {
    return operationStatus(Protos.OperationStatus.newBuilder().setOperationId(operationId)
      .setState(Protos.OperationState.OPERATION_ERROR).setMessage(message));
  }

  /** The answer to a reconciliation of an operation the master does not know. */
  static Event operationUnknown(Protos.OperationID operationId, AgentID agentId) {
    Protos.OperationStatus.Builder status = Protos.OperationStatus.newBuilder().setOperationId(operationId)
      .setState(Protos.OperationState.OPERATION_UNKNOWN);
    if (agentId != null) {
      status.setAgentId(agentId);
    }
    return operationStatus(status);
  }

  private static Event operationStatus(Protos.OperationStatus.Builder status) {
    return Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
      .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build();
  }

  /** An executor's framework message. */
  public static Event message(FrameworkMessage message) {
    return Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
      .setAgentId(AgentID.newBuilder().setValue(message.getAgentId()))
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue(message.getExecutorId()))
      .setData(ByteString.copyFrom(message.data()))).build();
  }

  public static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }

  /**
   * A status as Mesos writes it. A command task's executor is named after the task, as Mesos's
   * command executor is; its network info is its agent's address (the task shares the host's).
   */
  public static Protos.TaskStatus status(TaskStatus status, Function<String, Optional<String>> agentIp) {
    Protos.TaskStatus.Builder proto = Protos.TaskStatus.newBuilder()
      .setTaskId(TaskID.newBuilder().setValue(status.getTaskId()))
      .setState(Protos.TaskState.valueOf(status.getState().name()))
      .setSource(Protos.TaskStatus.Source.valueOf(status.getSource()))
      .setTimestamp(status.getTimestamp());
    if (status.getMessage() != null) {
      proto.setMessage(status.getMessage());
    }
    if (status.getReason() != null) {
      proto.setReason(Protos.TaskStatus.Reason.valueOf(status.getReason().name()));
    }
    if (status.getUuid() != null) {
      proto.setUuid(MesosUuids.bytes(status.getUuid()));
    }
    if (status.getHealthy() != null) {
      proto.setHealthy(status.getHealthy());
    }
    if (status.getCheckStatus() != null) {
      proto.setCheckStatus(checkStatus(status.getCheckStatus()));
    }
    if (status.getAgentId() != null) {
      proto.setAgentId(AgentID.newBuilder().setValue(status.getAgentId()));
      if (!TaskStatus.SOURCE_MASTER.equals(status.getSource())) {
        proto.setExecutorId(Protos.ExecutorID.newBuilder().setValue(status.getTaskId()));
      }
      // a container on a USER network has addresses of its own; other tasks share their agent's
      List<String> ips = !status.getContainerIps().isEmpty() ? status.getContainerIps()
        : agentIp.apply(status.getAgentId()).map(List::of).orElse(List.of());
      if (!ips.isEmpty()) {
        Protos.NetworkInfo.Builder network = Protos.NetworkInfo.newBuilder();
        ips.forEach(ip -> network.addIpAddresses(Protos.NetworkInfo.IPAddress.newBuilder().setIpAddress(ip)));
        proto.setContainerStatus(Protos.ContainerStatus.newBuilder().addNetworkInfos(network));
      }
    }
    return proto.build();
  }

  /** Mesos's {@code CheckStatusInfo}: the kind of check and, once it has one, its result. */
  private static Protos.CheckStatusInfo checkStatus(CheckStatus found) {
    Protos.CheckStatusInfo.Builder proto = Protos.CheckStatusInfo.newBuilder()
      .setType(Protos.CheckInfo.Type.valueOf(found.type().name()));
    switch (found.type()) {
      case COMMAND -> {
        Protos.CheckStatusInfo.Command.Builder command = Protos.CheckStatusInfo.Command.newBuilder();
        if (found.exitCode() != null) {
          command.setExitCode(found.exitCode());
        }
        proto.setCommand(command);
      }
      case HTTP -> {
        Protos.CheckStatusInfo.Http.Builder http = Protos.CheckStatusInfo.Http.newBuilder();
        if (found.statusCode() != null) {
          http.setStatusCode(found.statusCode());
        }
        proto.setHttp(http);
      }
      case TCP -> {
        Protos.CheckStatusInfo.Tcp.Builder tcp = Protos.CheckStatusInfo.Tcp.newBuilder();
        if (found.succeeded() != null) {
          tcp.setSucceeded(found.succeeded());
        }
        proto.setTcp(tcp);
      }
    }
    return proto.build();
  }
}
