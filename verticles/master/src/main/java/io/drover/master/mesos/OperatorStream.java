package io.drover.master.mesos;

import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIoStream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One operator's {@code SUBSCRIBE}: a {@link RecordIoStream} that opens with {@code SUBSCRIBED}
 * (the whole state) and then carries what changes, with a {@code HEARTBEAT} every interval. It
 * remembers which agents and frameworks its reader knows, so it says {@code ADDED} only of new ones.
 */
final class OperatorStream {

  private static final long MILLIS_PER_SECOND = 1000;

  private final Vertx vertx;
  private final RecordIoStream events;
  private final Set<String> agents = new HashSet<>();
  private final Set<String> frameworks = new HashSet<>();
  private long heartbeats = -1;

  /** @param onClosed told once when the stream ends, for any reason */
  OperatorStream(Vertx vertx, HttpServerResponse response, MediaType type, String subscriber,
                 Consumer<OperatorStream> onClosed) {
    this.vertx = vertx;
    this.events = new RecordIoStream(response, type, subscriber, () -> {
      vertx.cancelTimer(heartbeats);
      onClosed.accept(this);
    });
  }

  void open(Response.GetState state, double heartbeatIntervalSeconds) {
    state.getGetAgents().getAgentsList().forEach(a -> agents.add(a.getAgentInfo().getId().getValue()));
    state.getGetFrameworks().getFrameworksList().forEach(f -> frameworks.add(f.getFrameworkInfo().getId().getValue()));
    events.open(Map.of());
    events.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
      .setGetState(state).setHeartbeatIntervalSeconds(heartbeatIntervalSeconds)).build());
    if (events.isOpen()) {
      heartbeats = vertx.setPeriodic(Math.round(heartbeatIntervalSeconds * MILLIS_PER_SECOND),
        id -> events.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build()));
    }
  }

  void close() {
    events.close();
  }

  void taskAdded(Protos.Task task) {
    events.send(Event.newBuilder().setType(Event.Type.TASK_ADDED)
      .setTaskAdded(Event.TaskAdded.newBuilder().setTask(task)).build());
  }

  void taskUpdated(Protos.Task task) {
    events.send(Event.newBuilder().setType(Event.Type.TASK_UPDATED).setTaskUpdated(Event.TaskUpdated.newBuilder()
      .setFrameworkId(task.getFrameworkId()).setStatus(task.getStatuses(0)).setState(task.getState())).build());
  }

  void agentAdded(Response.GetAgents.Agent agent) {
    if (agents.add(agent.getAgentInfo().getId().getValue())) {
      events.send(Event.newBuilder().setType(Event.Type.AGENT_ADDED)
        .setAgentAdded(Event.AgentAdded.newBuilder().setAgent(agent)).build());
    }
  }

  void agentRemoved(String agentId) {
    if (agents.remove(agentId)) {
      events.send(Event.newBuilder().setType(Event.Type.AGENT_REMOVED).setAgentRemoved(Event.AgentRemoved.newBuilder()
        .setAgentId(Protos.AgentID.newBuilder().setValue(agentId))).build());
    }
  }

  void frameworkChanged(Response.GetFrameworks.Framework framework) {
    if (frameworks.add(framework.getFrameworkInfo().getId().getValue())) {
      events.send(Event.newBuilder().setType(Event.Type.FRAMEWORK_ADDED)
        .setFrameworkAdded(Event.FrameworkAdded.newBuilder().setFramework(framework)).build());
    } else {
      events.send(Event.newBuilder().setType(Event.Type.FRAMEWORK_UPDATED)
        .setFrameworkUpdated(Event.FrameworkUpdated.newBuilder().setFramework(framework)).build());
    }
  }

  void frameworkRemoved(Protos.FrameworkInfo framework) {
    frameworks.remove(framework.getId().getValue());
    events.send(Event.newBuilder().setType(Event.Type.FRAMEWORK_REMOVED)
      .setFrameworkRemoved(Event.FrameworkRemoved.newBuilder().setFrameworkInfo(framework)).build());
  }
}
