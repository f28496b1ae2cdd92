package io.drover.protocol;

import io.vertx.core.json.JsonObject;

/**
 * The body of an {@link AgentCommand}: it names the agent it is for, since one process (one address)
 * hosts many agents and routes each command by this id.
 */
public interface ForAgent {

  String getAgentId();

  JsonObject toJson();
}
