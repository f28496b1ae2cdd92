package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A batch of {@link TaskStatus}es, in the order they were made: the body of
 * {@link AgentEvent#STATUS_UPDATES} (an agent process's updates of a few milliseconds) and of
 * {@link FrameworkEvent#UPDATES} (the leader's updates for one framework). A task's updates keep
 * their order within and across batches.
 */
@DataObject
public class StatusUpdates {

  private final List<TaskStatus> updates;

  public StatusUpdates(List<TaskStatus> updates) {
    this.updates = List.copyOf(updates);
  }

  public StatusUpdates(JsonObject json) {
    this(Json.list(json.getJsonArray("updates"), TaskStatus::new));
  }

  public JsonObject toJson() {
    return new JsonObject().put("updates", Json.array(updates, TaskStatus::toJson));
  }

  public List<TaskStatus> getUpdates() {
    return updates;
  }
}
