package io.drover.protocol;

import io.drover.resources.Resources;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A framework's own executor (Mesos's {@code ExecutorInfo}): the process the agent starts in the
 * sandbox to run the framework's tasks, which speaks the v1 executor API back to the agent. Several
 * tasks may share one; its resources are held besides theirs while it has tasks on the agent.
 */
@DataObject
public class ExecutorInfo {

  /** CUSTOM runs the framework's command; DEFAULT is the agent's own executor for task groups. */
  public enum Type { CUSTOM, DEFAULT }

  private final String executorId;
  private final String name;
  private final Type type;
  private final CommandInfo command;
  private final Resources resources;
  private final ContainerInfo container;

  public ExecutorInfo(String executorId, String name, Type type, CommandInfo command, Resources resources,
                      ContainerInfo container) {
    this.executorId = executorId;
    this.name = name;
    this.type = type;
    this.command = command;
    this.resources = resources;
    this.container = container;
  }

  public ExecutorInfo(JsonObject json) {
    this(json.getString("executor_id"), json.getString("name"), Type.valueOf(json.getString("type", "CUSTOM")),
      json.containsKey("command") ? new CommandInfo(json.getJsonObject("command")) : null,
      Json.resources(json.getJsonObject("resources", new JsonObject())),
      json.containsKey("container") ? new ContainerInfo(json.getJsonObject("container")) : null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("executor_id", executorId).put("name", name).put("type", type.name())
      .put("resources", Json.resources(resources));
    if (command != null) {
      json.put("command", command.toJson());
    }
    if (container != null) {
      json.put("container", container.toJson());
    }
    return json;
  }

  /** Executor ids are unique per framework on an agent: {@code framework/executor}. */
  public static String key(String frameworkId, String executorId) {
    return frameworkId + "/" + executorId;
  }

  public String getExecutorId() {
    return executorId;
  }

  public String getName() {
    return name;
  }

  public Type getType() {
    return type;
  }

  /** What a CUSTOM executor runs; null for DEFAULT. */
  public CommandInfo getCommand() {
    return command;
  }

  public Resources resources() {
    return resources;
  }

  /** The container to run the executor in, or null. */
  public ContainerInfo getContainer() {
    return container;
  }
}
