package io.drover.master.state;

import io.drover.protocol.InverseOffer;
import io.drover.protocol.Unavailability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leader's inverse offers (Mesos's maintenance primitives): which are outstanding, how each
 * framework answered for each agent, and for how long an answer holds off the next inverse offer.
 * The decision of whom to ask is {@link #due}, a pure function of what it is given.
 */
public final class InverseOfferBook {

  /** Mesos's {@code InverseOfferStatus.Status}. */
  public enum Answer { UNKNOWN, ACCEPT, DECLINE }

  /** A framework's latest answer for an agent, at {@code timestamp} (epoch seconds). */
  public record Status(Answer answer, double timestamp) {
  }

  /** An agent on a DRAINING machine, its window, and the frameworks running tasks on it. */
  public record DrainingAgent(String agentId, String hostname, Unavailability unavailability, Set<String> frameworks) {
  }

  /** An inverse offer to make. */
  public record Due(String agentId, String hostname, String frameworkId, Unavailability unavailability) {
  }

  private final Map<String, InverseOffer> outstanding = new LinkedHashMap<>();
  /** agent id to framework id to the framework's latest answer. */
  private final Map<String, Map<String, Status>> statuses = new HashMap<>();
  /** "agent framework" to when the framework's answer stops holding off a new inverse offer (epoch ms). */
  private final Map<String, Long> refusedUntil = new HashMap<>();

  /**
   * Whom to ask now: each connected framework with tasks on a draining agent that has no inverse
   * offer outstanding for it and whose answer no longer holds one off.
   */
  public List<Due> due(Collection<DrainingAgent> draining, Set<String> connected, long nowMs) {
    List<Due> due = new ArrayList<>();
    for (DrainingAgent agent : draining) {
      for (String frameworkId : agent.frameworks()) {
        boolean asked = outstanding.values().stream()
          .anyMatch(o -> o.getAgentId().equals(agent.agentId()) && o.getFrameworkId().equals(frameworkId));
        boolean holding = refusedUntil.getOrDefault(key(agent.agentId(), frameworkId), 0L) > nowMs;
        if (connected.contains(frameworkId) && !asked && !holding) {
          due.add(new Due(agent.agentId(), agent.hostname(), frameworkId, agent.unavailability()));
        }
      }
    }
    return due;
  }

  /**
   * The outstanding inverse offers no longer true: their agent is not draining any more, or its
   * window moved, or the framework is gone. They are taken out of the book.
   */
  public List<InverseOffer> stale(Map<String, Unavailability> drainingWindows, Set<String> connected) {
    List<InverseOffer> stale = new ArrayList<>();
    for (InverseOffer offer : List.copyOf(outstanding.values())) {
      Unavailability window = drainingWindows.get(offer.getAgentId());
      if (window == null || !window.equals(offer.getUnavailability()) || !connected.contains(offer.getFrameworkId())) {
        outstanding.remove(offer.getId());
        stale.add(offer);
      }
    }
    return stale;
  }

  public void sent(InverseOffer offer, double nowSeconds) {
    outstanding.put(offer.getId(), offer);
    statuses.computeIfAbsent(offer.getAgentId(), a -> new HashMap<>())
      .putIfAbsent(offer.getFrameworkId(), new Status(Answer.UNKNOWN, nowSeconds));
  }

  /** The framework's own outstanding inverse offer, if {@code id} names one. */
  public Optional<InverseOffer> outstanding(String frameworkId, String id) {
    return Optional.ofNullable(outstanding.get(id)).filter(o -> o.getFrameworkId().equals(frameworkId));
  }

  /** Records a framework's answer; the next inverse offer for the agent waits {@code refuseMs}. */
  public void answered(InverseOffer offer, Answer answer, long nowMs, long refuseMs) {
    outstanding.remove(offer.getId());
    statuses.computeIfAbsent(offer.getAgentId(), a -> new HashMap<>())
      .put(offer.getFrameworkId(), new Status(answer, nowMs / 1000.0));
    refusedUntil.put(key(offer.getAgentId(), offer.getFrameworkId()), nowMs + refuseMs);
  }

  /** How each framework answered for each agent: agent id to framework id to status. */
  public Map<String, Map<String, Status>> statuses() {
    return statuses;
  }

  /** Forgets the answers for agents that are no longer on a draining machine. */
  public void keepStatuses(Set<String> drainingAgents) {
    statuses.keySet().retainAll(drainingAgents);
    refusedUntil.keySet().removeIf(k -> !drainingAgents.contains(k.substring(0, k.indexOf(' '))));
  }

  /** Forgets a framework's outstanding inverse offers, so they are made again. */
  public void forgetOutstanding(String frameworkId) {
    outstanding.values().removeIf(o -> o.getFrameworkId().equals(frameworkId));
  }

  private static String key(String agentId, String frameworkId) {
    return agentId + " " + frameworkId;
  }
}
