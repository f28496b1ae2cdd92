package io.drover.master;

import io.drover.protocol.KillTask;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kills an agent's process did not take: it was gone (restarting) or did not answer. As in Mesos
 * ("kill will be retried if the agent re-registers"), they are sent again when the agent comes
 * back, so a framework's kill is not lost in the moment an agent restarts.
 */
final class UndeliveredKills {

  private final Map<String, Map<String, KillTask>> byAgent = new HashMap<>();

  void remember(KillTask kill) {
    byAgent.computeIfAbsent(kill.getAgentId(), a -> new LinkedHashMap<>())
      .put(kill.getFrameworkId() + "/" + kill.getTaskId(), kill);
  }

  /** The kills waiting for an agent, forgotten here: the caller sends them again. */
  List<KillTask> takeFor(String agentId) {
    Map<String, KillTask> kills = byAgent.remove(agentId);
    return kills == null ? List.of() : List.copyOf(kills.values());
  }

  /** The agent left for good: its tasks are gone, nothing to kill. */
  void forget(String agentId) {
    byAgent.remove(agentId);
  }
}
