package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One of a framework's active tasks as the master knows it ({@link MasterService#tasks}): the task,
 * its latest status, and the hostname and attributes of its agent.
 */
@DataObject
public class KnownTask {

  private final TaskInfo task;
  private final TaskStatus status;
  private final String hostname;
  private final String attributes;

  /** {@code attributes} in their text form ({@code rack:r1;zone:a}), empty when the agent has none. */
  public KnownTask(TaskInfo task, TaskStatus status, String hostname, String attributes) {
    this.task = task;
    this.status = status;
    this.hostname = hostname;
    this.attributes = attributes;
  }

  public KnownTask(JsonObject json) {
    this(new TaskInfo(json.getJsonObject("task")), new TaskStatus(json.getJsonObject("status")),
      json.getString("hostname"), json.getString("attributes", ""));
  }

  public JsonObject toJson() {
    return new JsonObject().put("task", task.toJson()).put("status", status.toJson()).put("hostname", hostname)
      .put("attributes", attributes);
  }

  public TaskInfo getTask() {
    return task;
  }

  public TaskStatus getStatus() {
    return status;
  }

  /** The agent's hostname, or null when the master no longer knows the agent. */
  public String getHostname() {
    return hostname;
  }

  public String getAttributes() {
    return attributes;
  }
}
