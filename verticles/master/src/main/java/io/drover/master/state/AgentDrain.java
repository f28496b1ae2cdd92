package io.drover.master.state;

import io.vertx.core.json.JsonObject;

/**
 * An agent's drain (Mesos's {@code DrainInfo}): DRAINING while it still has tasks, then DRAINED
 * until an operator reactivates it.
 *
 * @param maxGracePeriodSeconds caps each task's kill grace period; null leaves the task's own
 * @param markGone Mesos's flag, kept and shown; Drover does not mark drained agents gone
 */
public record AgentDrain(State state, Double maxGracePeriodSeconds, boolean markGone) {

  /** Mesos's {@code DrainState}. */
  public enum State { DRAINING, DRAINED }

  /**
   * Why an agent may not be reactivated, in Mesos's words, or null when it may.
   *
   * @param drain its drain, or null
   */
  public static String reactivationProblem(boolean deactivated, AgentDrain drain) {
    if (!deactivated) {
      return "Agent is not deactivated";
    }
    return drain != null && drain.state() == State.DRAINING ? "Agent is still in the DRAINING state" : null;
  }

  public AgentDrain drained() {
    return new AgentDrain(State.DRAINED, maxGracePeriodSeconds, markGone);
  }

  /** As Mesos renders its {@code DrainInfo} in {@code /master/state}. */
  public JsonObject toJson() {
    JsonObject config = new JsonObject().put("mark_gone", markGone);
    if (maxGracePeriodSeconds != null) {
      config.put("max_grace_period", new JsonObject().put("nanoseconds", Math.round(maxGracePeriodSeconds * 1e9)));
    }
    return new JsonObject().put("state", state.name()).put("config", config);
  }

  public static AgentDrain fromJson(JsonObject json) {
    JsonObject config = json.getJsonObject("config", new JsonObject());
    JsonObject grace = config.getJsonObject("max_grace_period");
    return new AgentDrain(State.valueOf(json.getString("state")),
      grace == null ? null : grace.getLong("nanoseconds", 0L) / 1e9, config.getBoolean("mark_gone", false));
  }
}
