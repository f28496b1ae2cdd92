package io.drover.marathon.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marathon's secrets of an app: each secret's id and its {@code source} (the name the agents look up
 * in their secrets directory), and the environment variables that hold one, by secret id. Only the
 * names travel; the agent reads the values when it launches a task.
 *
 * @param sources secret id to source
 * @param env     variable name to secret id
 */
public record Secrets(Map<String, String> sources, Map<String, String> env) {

  public static final Secrets NONE = new Secrets(Map.of(), Map.of());

  public Secrets {
    sources = Map.copyOf(sources);
    env = Map.copyOf(env);
  }

  /** Variable name to the source of its secret, as the agent resolves it. */
  public Map<String, String> envSources() {
    Map<String, String> resolved = new LinkedHashMap<>();
    env.forEach((variable, id) -> resolved.put(variable, sources.get(id)));
    return resolved;
  }
}
