package io.drover.master.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which unreachable agents the registry forgets, as Mesos's master garbage-collects the registry's
 * {@code unreachable} list: an agent unreachable for longer than {@code registry_max_agent_age},
 * and, while more than {@code registry_max_agent_count} are unreachable, the oldest of them. The
 * registry always keeps the agents that are reachable; without this the unreachable ones would
 * stay in it, in ZooKeeper and in every master's memory, forever.
 */
public final class RegistryPruning {

  /** An agent unreachable since {@code sinceSeconds} (Unix time). */
  public record Unreachable(String agentId, double sinceSeconds) {
  }

  private RegistryPruning() {
  }

  /** The ids of the agents to forget, oldest first; nothing when none is too old or too many. */
  public static List<String> prune(Collection<Unreachable> unreachable, double nowSeconds, long maxAgeMs,
                                   int maxCount) {
    List<Unreachable> oldestFirst = unreachable.stream()
      .sorted(Comparator.comparingDouble(Unreachable::sinceSeconds).thenComparing(Unreachable::agentId)).toList();
    List<String> forgotten = new ArrayList<>();
    for (Unreachable agent : oldestFirst) {
      boolean tooMany = oldestFirst.size() - forgotten.size() > maxCount;
      boolean tooOld = (nowSeconds - agent.sinceSeconds()) * 1000 > maxAgeMs;
      if (tooMany || tooOld) {
        forgotten.add(agent.agentId());
      }
    }
    return forgotten;
  }
}
