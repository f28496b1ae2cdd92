package io.drover.master;

import io.drover.common.Addresses;
import io.drover.master.http.StateJson;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.master.state.MasterState;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Publishes what happens in the cluster on {@code drover.ui.<topic>} for dashboards. Agents, tasks and
 * frameworks go out whole, in the shapes of {@code /master/state}, so a dashboard only upserts them.
 */
public final class UiEvents {

  private final Vertx vertx;
  private final MasterState state;

  UiEvents(Vertx vertx, MasterState state) {
    this.vertx = vertx;
    this.state = state;
  }

  void leader(LeaderInfo leader) {
    publish("leader", leader.toJson().put("event", "elected"));
  }

  void steppedDown(String masterId) {
    publish("leader", new JsonObject().put("master_id", masterId).put("event", "stepped_down"));
  }

  /** {@code event}: registered or unreachable. */
  void agent(Agent agent, String event) {
    Resources used = state.tasks.onAgent(agent.id()).stream().map(t -> t.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    publish("agents", StateJson.agent(agent, used, Resources.EMPTY).put("event", event));
  }

  void agentRemoved(String agentId) {
    publish("agents", new JsonObject().put("id", agentId).put("event", "removed"));
  }

  /** The task the update is about, as it is now (or the bare update, for a task this master does not know). */
  public void task(TaskStatus status) {
    JsonObject task = state.tasks.find(status.getFrameworkId(), status.getTaskId())
      .map(t -> StateJson.task(t, state))
      .orElseGet(() -> new JsonObject().put("id", status.getTaskId()).put("framework_id", status.getFrameworkId())
        .put("slave_id", status.getAgentId()).put("state", status.getState().name()));
    publish("tasks", task.put("event", "updated"));
  }

  /** {@code event}: created, accepted, declined or rescinded. */
  public void offer(Offer offer, String event) {
    publish("offers", offer.toJson().put("event", event));
  }

  /** {@code event}: subscribed or disconnected. */
  public void framework(Framework framework, String event) {
    publish("frameworks", StateJson.framework(framework, state).put("event", event));
  }

  void frameworkRemoved(String frameworkId) {
    publish("frameworks", new JsonObject().put("id", frameworkId).put("event", "removed"));
  }

  private void publish(String topic, JsonObject event) {
    vertx.eventBus().publish(Addresses.ui(topic), event.put("timestamp", System.currentTimeMillis() / 1000.0));
  }
}
