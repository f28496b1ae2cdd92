package io.drover.master.mesos;

import io.drover.mesos.MesosUuids;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * What makes a scheduler call malformed, in Mesos's words ({@code validation::scheduler::call}):
 * checked before anything is asked of the master, so a malformed call changes nothing.
 */
final class SchedulerCallCheck {

  private SchedulerCallCheck() {
  }

  /** The problem of {@code call}, or null when it is well formed. */
  static String problem(Call call) {
    if (!call.isInitialized()) {
      return "Not initialized: " + String.join(", ", call.findInitializationErrors());
    }
    if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
      return "Expecting 'type' to be present";
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) {
        return missing("subscribe");
      }
      boolean differs = call.hasFrameworkId() && call.getSubscribe().getFrameworkInfo().hasId()
        && !call.getFrameworkId().equals(call.getSubscribe().getFrameworkInfo().getId());
      if (call.hasFrameworkId() && !call.getSubscribe().getFrameworkInfo().hasId() || differs) {
        return "'framework_id' differs from 'subscribe.framework_info.id'";
      }
      return null;
    }
    if (!call.hasFrameworkId()) {
      return missing("framework_id");
    }
    return switch (call.getType()) {
      case ACCEPT -> call.hasAccept() ? null : missing("accept");
      case DECLINE -> call.hasDecline() ? null : missing("decline");
      case ACCEPT_INVERSE_OFFERS -> call.hasAcceptInverseOffers() ? null : missing("accept_inverse_offers");
      case DECLINE_INVERSE_OFFERS -> call.hasDeclineInverseOffers() ? null : missing("decline_inverse_offers");
      case KILL -> call.hasKill() ? null : missing("kill");
      case SHUTDOWN -> call.hasShutdown() ? null : missing("shutdown");
      case ACKNOWLEDGE -> !call.hasAcknowledge() ? missing("acknowledge")
        : MesosUuids.string(call.getAcknowledge().getUuid()).isEmpty() ? "'acknowledge.uuid' is not a valid UUID"
        : null;
      case ACKNOWLEDGE_OPERATION_STATUS -> call.hasAcknowledgeOperationStatus() ? null
        : missing("acknowledge_operation_status");
      case RECONCILE -> call.hasReconcile() ? null : missing("reconcile");
      case RECONCILE_OPERATIONS -> call.hasReconcileOperations() ? null : missing("reconcile_operations");
      case MESSAGE -> call.hasMessage() ? null : missing("message");
      case REQUEST -> call.hasRequest() ? null : missing("request");
      case UPDATE_FRAMEWORK -> !call.hasUpdateFramework() ? missing("update_framework")
        : call.getUpdateFramework().getFrameworkInfo().getId().equals(call.getFrameworkId()) ? null
        : "'framework_id' differs from 'update_framework.framework_info.id'";
      default -> null;
    };
  }

  private static String missing(String field) {
    return "Expecting '" + field + "' to be present";
  }
}
