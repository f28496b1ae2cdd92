package io.drover.master.view;

import io.drover.master.state.AgentRegistry;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.Json;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;

/** A task as the master saw it at one moment, with the hostname of its agent (null when the agent is gone). */
public record TaskView(TaskInfo info, TaskStatus latest, double knownSince, String hostname) {

  public static TaskView of(Task task, AgentRegistry agents) {
    return new TaskView(task.info(), task.latest(), task.knownSince(),
      agents.get(task.agentId()).map(a -> a.info().getHostname()).orElse(null));
  }

  public String id() {
    return info.getTaskId();
  }

  public String agentId() {
    return info.getAgentId();
  }

  public String frameworkId() {
    return info.getFrameworkId();
  }

  public TaskState state() {
    return latest.getState();
  }

  /** The task as {@code /master/state} lists it, with its agent's hostname, its labels and its health. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id())
      .put("name", info.getName())
      .put("framework_id", frameworkId())
      .put("slave_id", agentId())
      .put("hostname", hostname)
      .put("state", state().name())
      .put("resources", Json.resources(info.resources()))
      .put("labels", new JsonObject(new HashMap<>(info.getLabels())))
      .put("healthy", latest.getHealthy())
      .put("staged_time", knownSince)
      .put("statuses", new JsonArray().add(latest.toJson()));
  }
}
