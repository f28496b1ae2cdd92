package io.drover.allocator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A set of (agent, role, framework) triples, looked up by agent, or by agent and role, without
 * allocating a key per lookup: which frameworks filter an agent, or hold an offer of it, for which
 * of their roles (Mesos keeps both per role).
 */
final class AgentFrameworkPairs {

  private final Map<String, Set<String>> frameworksByAgent = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> frameworksByAgentAndRole = new HashMap<>();

  void add(String agentId, String role, String frameworkId) {
    frameworksByAgent.computeIfAbsent(agentId, id -> new HashSet<>()).add(frameworkId);
    frameworksByAgentAndRole.computeIfAbsent(agentId, id -> new HashMap<>())
        .computeIfAbsent(role, r -> new HashSet<>()).add(frameworkId);
  }

  boolean contains(String agentId, String frameworkId) {
    return frameworksOn(agentId).contains(frameworkId);
  }

  /** The frameworks of the agent, in any of their roles. */
  Set<String> frameworksOn(String agentId) {
    return frameworksByAgent.getOrDefault(agentId, Set.of());
  }

  /** The frameworks of the agent in {@code role}. */
  Set<String> frameworksOn(String agentId, String role) {
    Map<String, Set<String>> byRole = frameworksByAgentAndRole.get(agentId);
    return byRole == null ? Set.of() : byRole.getOrDefault(role, Set.of());
  }
}
