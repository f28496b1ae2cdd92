package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The body of {@link AgentCommand#ACKNOWLEDGE}: the acknowledgements of a few milliseconds for the
 * agents of one process, each naming its agent.
 */
@DataObject
public class AcknowledgeUpdates {

  private final List<AcknowledgeUpdate> acknowledgements;

  public AcknowledgeUpdates(List<AcknowledgeUpdate> acknowledgements) {
    this.acknowledgements = List.copyOf(acknowledgements);
  }

  public AcknowledgeUpdates(JsonObject json) {
    this(Json.list(json.getJsonArray("acknowledgements"), AcknowledgeUpdate::new));
  }

  public JsonObject toJson() {
    return new JsonObject().put("acknowledgements", Json.array(acknowledgements, AcknowledgeUpdate::toJson));
  }

  public List<AcknowledgeUpdate> getAcknowledgements() {
    return acknowledgements;
  }
}
