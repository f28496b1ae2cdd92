package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * What a command task runs: {@code /bin/sh -c value} when {@code shell}, else {@code arguments}
 * executed directly (Mesos's CommandInfo).
 */
@DataObject
public class CommandInfo {

  private final String value;
  private final boolean shell;
  private final List<String> arguments;
  private final Map<String, String> environment;
  private final String user;

  public CommandInfo(String value, boolean shell, List<String> arguments, Map<String, String> environment,
                     String user) {
    this.value = value;
    this.shell = shell;
    this.arguments = List.copyOf(arguments);
    this.environment = Map.copyOf(environment);
    this.user = user;
  }

  public CommandInfo(JsonObject json) {
    this(json.getString("value"), json.getBoolean("shell", true), Json.strings(json.getJsonArray("arguments")),
      Json.strings(json.getJsonObject("environment")), json.getString("user"));
  }

  /** A shell command, {@code /bin/sh -c value}. */
  public static CommandInfo shell(String value) {
    return new CommandInfo(value, true, List.of(), Map.of(), null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("value", value).put("shell", shell).put("arguments", new JsonArray(arguments))
      .put("environment", Json.object(environment)).put("user", user);
  }

  public String getValue() {
    return value;
  }

  public boolean isShell() {
    return shell;
  }

  public List<String> getArguments() {
    return arguments;
  }

  public Map<String, String> getEnvironment() {
    return environment;
  }

  public String getUser() {
    return user;
  }
}
