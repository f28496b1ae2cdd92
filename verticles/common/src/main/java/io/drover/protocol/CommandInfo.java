package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * What a command task runs: {@code /bin/sh -c value} when {@code shell}, else {@code arguments}
 * executed directly (Mesos's CommandInfo). Variables of {@code secretEnvironment} name a secret
 * (Mesos's Secret.Reference) that the agent reads into the task's environment at launch: the value
 * itself never travels with the task.
 */
@DataObject
public class CommandInfo {

  private final String value;
  private final boolean shell;
  private final List<String> arguments;
  private final Map<String, String> environment;
  private final String user;
  private final List<Uri> uris;
  private final Map<String, String> secretEnvironment;

  /**
   * A file fetched into the sandbox before the task starts (Mesos's CommandInfo.URI).
   *
   * @param value      http, https or file URI (or an absolute path)
   * @param extract    unpack {@code .tar}, {@code .tar.gz}, {@code .tgz} and {@code .zip} archives
   * @param executable make the file executable
   * @param outputFile the name to give it in the sandbox; null for the URI's last segment
   */
  public record Uri(String value, boolean extract, boolean executable, String outputFile) {
    JsonObject toJson() {
      return new JsonObject().put("value", value).put("extract", extract).put("executable", executable)
        .put("output_file", outputFile);
    }

    static Uri fromJson(JsonObject json) {
      return new Uri(json.getString("value"), json.getBoolean("extract", true), json.getBoolean("executable", false),
        json.getString("output_file"));
    }
  }

  public CommandInfo(String value, boolean shell, List<String> arguments, Map<String, String> environment,
                     String user) {
    this(value, shell, arguments, environment, user, List.of());
  }

  public CommandInfo(String value, boolean shell, List<String> arguments, Map<String, String> environment,
                     String user, List<Uri> uris) {
    this(value, shell, arguments, environment, user, uris, Map.of());
  }

  /** @param secretEnvironment variable name to the name of the secret it holds */
  public CommandInfo(String value, boolean shell, List<String> arguments, Map<String, String> environment,
                     String user, List<Uri> uris, Map<String, String> secretEnvironment) {
    this.value = value;
    this.shell = shell;
    this.arguments = List.copyOf(arguments);
    this.environment = Map.copyOf(environment);
    this.user = user;
    this.uris = List.copyOf(uris);
    this.secretEnvironment = Map.copyOf(secretEnvironment);
  }

  public CommandInfo(JsonObject json) {
    this(json.getString("value"), json.getBoolean("shell", true), Json.strings(json.getJsonArray("arguments")),
      Json.strings(json.getJsonObject("environment")), json.getString("user"),
      Json.list(json.getJsonArray("uris"), Uri::fromJson), Json.strings(json.getJsonObject("secret_environment")));
  }

  /** A shell command, {@code /bin/sh -c value}. */
  public static CommandInfo shell(String value) {
    return new CommandInfo(value, true, List.of(), Map.of(), null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("value", value).put("shell", shell).put("arguments", new JsonArray(arguments))
      .put("environment", Json.object(environment)).put("user", user).put("uris", Json.array(uris, Uri::toJson))
      .put("secret_environment", Json.object(secretEnvironment));
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

  /** Files to fetch into the sandbox before the command starts. */
  public List<Uri> getUris() {
    return uris;
  }

  /** Variable name to the name of the secret the agent puts in it. */
  public Map<String, String> getSecretEnvironment() {
    return secretEnvironment;
  }

  public CommandInfo withUris(List<Uri> newUris) {
    return new CommandInfo(value, shell, arguments, environment, user, newUris, secretEnvironment);
  }
}
