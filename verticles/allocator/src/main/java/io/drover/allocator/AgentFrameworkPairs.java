package io.drover.allocator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A set of (agent, framework) pairs, looked up by agent without allocating a key per lookup. The
 * framework may be one framework in one role ({@link #inRole}), for what Mesos keeps per role.
 */
final class AgentFrameworkPairs {

  /** One framework in one role, as one key. */
  static String inRole(String frameworkId, String role) {
    return frameworkId + '\n' + role;
  }

  private final Map<String, Set<String>> frameworksByAgent = new HashMap<>();

  void add(String agentId, String frameworkId) {
    frameworksByAgent.computeIfAbsent(agentId, id -> new HashSet<>()).add(frameworkId);
  }

  boolean contains(String agentId, String frameworkId) {
    return frameworksOn(agentId).contains(frameworkId);
  }

  Set<String> frameworksOn(String agentId) {
    return frameworksByAgent.getOrDefault(agentId, Set.of());
  }
}
