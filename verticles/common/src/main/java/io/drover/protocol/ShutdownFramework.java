package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The body of {@link AgentCommand#SHUTDOWN_FRAMEWORK}: the framework was torn down; kill all its tasks. */
@DataObject
public class ShutdownFramework implements ForAgent {

  private final String agentId;
  private final String frameworkId;

  public ShutdownFramework(String agentId, String frameworkId) {
    this.agentId = agentId;
    this.frameworkId = frameworkId;
  }

  public ShutdownFramework(JsonObject json) {
    this(json.getString("agent_id"), json.getString("framework_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("agent_id", agentId).put("framework_id", frameworkId);
  }

  @Override
  public String getAgentId() {
    return agentId;
  }

  public String getFrameworkId() {
    return frameworkId;
  }
}
