package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.Base64;

/**
 * An opaque message between a framework's scheduler and one of its executors (Mesos's framework
 * message): best effort, never stored or resent, as in Mesos. It travels as
 * {@link AgentCommand#FRAMEWORK_MESSAGE} to the agent, as {@link AgentEvent#EXECUTOR_MESSAGE} to
 * the leader and as {@link FrameworkEvent#MESSAGE} to the framework.
 */
@DataObject
public class FrameworkMessage implements ForAgent {

  /** As Mesos's agent, which refuses bigger bodies; the event bus and the streams stay light. */
  public static final int MAX_BYTES = 1 << 20;

  private final String agentId;
  private final String frameworkId;
  private final String executorId;
  private final byte[] data;

  public FrameworkMessage(String agentId, String frameworkId, String executorId, byte[] data) {
    this.agentId = agentId;
    this.frameworkId = frameworkId;
    this.executorId = executorId;
    this.data = data.clone();
  }

  public FrameworkMessage(JsonObject json) {
    this(json.getString("agent_id"), json.getString("framework_id"), json.getString("executor_id"),
      Base64.getDecoder().decode(json.getString("data", "")));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("framework_id", frameworkId).put("executor_id", executorId)
      .put("data", Base64.getEncoder().encodeToString(data));
  }

  @Override
  public String getAgentId() {
    return agentId;
  }

  public String getFrameworkId() {
    return frameworkId;
  }

  public String getExecutorId() {
    return executorId;
  }

  public byte[] data() {
    return data.clone();
  }
}
