package io.drover.marathon.core;

import io.drover.protocol.InverseOffer;
import io.drover.protocol.Unavailability;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Marathon does about maintenance, as pure decisions: the master's inverse offers name agents
 * whose machines go into maintenance; their tasks are moved elsewhere before the window starts
 * ({@link Convergence} replaces them as a rolling upgrade replaces old versions, within the app's
 * {@code minimumHealthCapacity} and {@code maximumOverCapacity}); offers of agents with a current
 * or upcoming window are declined, so no replacement lands there; an inverse offer is accepted once
 * none of the framework's tasks is left on its agent.
 */
final class Evacuation {

  /** The inverse offers not yet answered, by agent id: the agents to leave. */
  private final Map<String, InverseOffer> pending = new LinkedHashMap<>();

  /** Records inverse offers; a newer one for an agent replaces the older. */
  void received(List<InverseOffer> offers) {
    offers.forEach(o -> pending.put(o.getAgentId(), o));
  }

  /** The master took an inverse offer back (the schedule changed): its agent need not be left. */
  void rescinded(String inverseOfferId) {
    pending.values().removeIf(o -> o.getId().equals(inverseOfferId));
  }

  /** The agents whose tasks are to move. */
  Set<String> agentsToLeave() {
    return Set.copyOf(pending.keySet());
  }

  /**
   * The inverse offers to accept now: no live task is left on their agent. They leave the book
   * (the master sends another if tasks come back there).
   */
  List<InverseOffer> answerable(Collection<Instance> live) {
    List<InverseOffer> done = pending.values().stream()
      .filter(o -> live.stream().noneMatch(i -> o.getAgentId().equals(i.agentId) && !i.state.isTerminal()))
      .toList();
    done.forEach(o -> pending.remove(o.getAgentId()));
    return done;
  }

  /**
   * Whether an offer carrying {@code window} is declined: its machine goes into maintenance later or
   * is in it now (Marathon's maintenance mode). A window that has ended, or none, does not matter.
   */
  static boolean declines(Unavailability window, long nowMs) {
    if (window == null) {
      return false;
    }
    Long duration = window.getDurationNanos();
    return duration == null || window.startMs() + duration / 1_000_000 > nowMs;
  }

  /** Whether a task is to move: it runs on an agent to leave. */
  static boolean moves(Instance instance, Set<String> agentsToLeave) {
    return agentsToLeave.contains(instance.agentId);
  }
}
