package io.drover.launcher;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles each role's configuration, later sources winning: built-in defaults (the verticles'
 * named constants) &lt; the conf file &lt; {@code DROVER_*} environment variables &lt; flags.
 */
final class Configuration {

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
    Map<Role, JsonObject> configs = new EnumMap<>(Role.class);
    for (Role role : roles(command)) {
      JsonObject config = defaults(command, role);
      config.mergeIn(confFile(conf, env, role));
      for (Option option : Option.ALL_OPTIONS) {
        String value = env.get(option.envName());
        if (value != null && option.commands().contains(command) && applies(option, command, role)) {
          config.put(option.key(), option.parse(value));
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
  private static JsonObject confFile(String conf, Map<String, String> env, Role role) {
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
    if (Files.isDirectory(path)) {
      path = path.resolve(role.confName + ".json");
      if (!Files.exists(path)) {
        return new JsonObject();
      }
    }
    try {
      return new JsonObject(Files.readString(path, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new UsageException(path + " is not a JSON object: " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new UsageException("cannot read " + path + ": " + e.getMessage());
    } catch (ClassCastException e) {
      throw new UsageException(path + " is not a JSON object");
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
