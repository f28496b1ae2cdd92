package io.drover.master.state;

import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Keeps what the master holds per task small (tens of thousands of tasks live in its heap): the
 * strings tasks repeat (an app's id, version, command, environment values; states' sources and
 * messages) are shared through the JVM's string table, an update shares its ids with its task, and
 * no launch trace is kept (it only passes through on its way to the agent and to the framework).
 */
final class TaskMemory {

  private TaskMemory() {
  }

  /** The same task, its strings shared. */
  static TaskInfo compact(TaskInfo info) {
    JsonObject json = info.toJson();
    json.remove("trace");
    return new TaskInfo(shared(json));
  }

  /** The same update, its ids the task's own and its other strings shared. */
  static TaskStatus compact(TaskStatus status, TaskInfo task) {
    JsonObject json = status.toJson();
    json.remove("trace");
    json.put("task_id", task.getTaskId()).put("framework_id", task.getFrameworkId());
    if (task.getAgentId() != null && task.getAgentId().equals(status.getAgentId())) {
      json.put("agent_id", task.getAgentId());
    }
    intern(json, "source");
    intern(json, "message");
    return new TaskStatus(json);
  }

  /** An update a later state followed: only the latest is acknowledged by its uuid, so it keeps none. */
  static TaskStatus settled(TaskStatus status) {
    JsonObject json = status.toJson();
    json.remove("uuid");
    return new TaskStatus(json);
  }

  private static void intern(JsonObject json, String key) {
    if (json.getValue(key) instanceof String value) {
      json.put(key, value.intern());
    }
  }

  private static JsonObject shared(JsonObject json) {
    for (String key : List.copyOf(json.fieldNames())) {
      json.put(key, shared(json.getValue(key)));
    }
    return json;
  }

  private static Object shared(Object value) {
    if (value instanceof String string) {
      return string.intern();
    }
    if (value instanceof JsonObject object) {
      return shared(object);
    }
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, shared(array.getValue(i)));
      }
    }
    return value;
  }
}
