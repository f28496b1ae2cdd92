package io.drover.launcher;

import io.drover.common.ZooKeeperSettings;
import io.drover.common.security.ClusterSecurity;
import io.drover.common.security.Credentials;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles each role's configuration, later sources winning: built-in defaults (the verticles'
 * named constants) &lt; the conf file &lt; {@code DROVER_*} environment variables &lt; flags.
 */
final class Configuration {

  /** The variables Drover reads that are not a flag's: secrets, and where it is installed. */
  static final Set<String> OTHER_VARIABLES = Set.of("DROVER_HOME", Credentials.TOKEN_ENV, Credentials.READ_TOKEN_ENV,
    ZooKeeperSettings.AUTH_ENV, ClusterSecurity.BUS_KEYSTORE_PASSWORD_ENV, "DROVER_JAVA", "DROVER_JAVA_OPTS");

  /** How many agents {@code drover local} runs unless told otherwise. */
  static final int LOCAL_AGENTS = 2;

  private Configuration() {
  }

  static List<Role> roles(Command command) {
    return switch (command) {
      case LOCAL -> List.of(Role.ZOOKEEPER, Role.MASTER, Role.AGENT, Role.MARATHON);
      case MASTER -> List.of(Role.MASTER);
      case AGENT -> List.of(Role.AGENT);
      case MARATHON -> List.of(Role.MARATHON);
      case ZK -> List.of(Role.ZOOKEEPER);
    };
  }

  static Map<Role, JsonObject> assemble(Command command, Map<Option, String> flags, Map<String, String> env) {
    String conf = flags.entrySet().stream().filter(e -> e.getKey().key().equals("conf")).map(Map.Entry::getValue)
      .findFirst().orElse(env.get("DROVER_CONF"));
    checkEnvironment(env);
    Map<Role, JsonObject> configs = new EnumMap<>(Role.class);
    for (Role role : roles(command)) {
      JsonObject config = defaults(command, role);
      config.mergeIn(confFile(conf, env, command, role));
      for (Option option : Option.ALL_OPTIONS) {
        String value = env.get(option.envName());
        if (value != null && option.commands().contains(command) && applies(option, command, role)) {
          config.put(option.key(), option.parse(value, option.envName()));
        }
      }
      flags.forEach((option, value) -> {
        if (applies(option, command, role)) {
          config.put(option.key(), option.parse(value));
        }
      });
      config.remove("conf");
      configs.put(role, config);
    }
    return configs;
  }

  private static boolean applies(Option option, Command command, Role role) {
    Role target = option.roleFor(command);
    return target == null || target == role;
  }

  private static JsonObject defaults(Command command, Role role) {
    JsonObject defaults = new JsonObject();
    if (command == Command.LOCAL && role == Role.AGENT) {
      defaults.put("agents", LOCAL_AGENTS);
    }
    return defaults;
  }

  /** The role's conf file: {@code --conf} as a file, or {@code <dir>/<role>.json} of a conf directory. */
  private static JsonObject confFile(String conf, Map<String, String> env, Command command, Role role) {
    Path path;
    if (conf != null) {
      path = Path.of(conf);
      if (!Files.exists(path)) {
        throw new UsageException("--conf: " + conf + " does not exist");
      }
    } else {
      String home = env.get("DROVER_HOME");
      if (home == null) {
        return new JsonObject();
      }
      path = Path.of(home, "conf");
    }
    boolean shared = !Files.isDirectory(path);
    if (!shared) {
      path = path.resolve(role.confName + ".json");
      if (!Files.exists(path)) {
        return new JsonObject();
      }
    }
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(path, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new UsageException(path + " is not a JSON object: " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new UsageException("cannot read " + path + ": " + e.getMessage());
    } catch (ClassCastException e) {
      throw new UsageException(path + " is not a JSON object");
    }
    // one file given for every role of 'drover local' may hold any of their keys
    List<Command> readers = shared && command == Command.LOCAL ? roles(command).stream().map(r -> r.command).toList()
      : List.of(role.command);
    return checked(json, path.toString(), readers);
  }

  /** The file's settings, each a known key of the role's command with a value of the key's kind. */
  private static JsonObject checked(JsonObject json, String source, List<Command> readers) {
    Map<String, Option> known = new LinkedHashMap<>();
    for (Command reader : readers) {
      Option.forCommand(reader).forEach(o -> known.putIfAbsent(o.key(), o));
    }
    JsonObject checked = new JsonObject();
    for (Map.Entry<String, Object> entry : json) {
      Option option = known.get(entry.getKey());
      if (option == null) {
        throw new UsageException(source + ": unknown key \"" + entry.getKey() + "\""
          + Suggestion.hint(entry.getKey(), known.keySet()));
      }
      checked.put(entry.getKey(), option.check(entry.getValue(), source));
    }
    return checked;
  }

  /**
   * A {@code DROVER_} variable a letter or two off a setting's is a typo, refused like an unknown
   * key; others are left alone, as the environment also carries the scripts' own variables.
   */
  private static void checkEnvironment(Map<String, String> env) {
    Set<String> known = new HashSet<>(OTHER_VARIABLES);
    Option.ALL_OPTIONS.forEach(o -> known.add(o.envName()));
    for (String name : env.keySet()) {
      if (name.startsWith("DROVER_") && !known.contains(name)) {
        String closest = Suggestion.closest(name, known);
        if (closest != null) {
          throw new UsageException("unknown environment variable " + name + " (did you mean " + closest + "?)");
        }
      }
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
