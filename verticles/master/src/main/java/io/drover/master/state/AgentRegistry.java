package io.drover.master.state;

import io.drover.protocol.AgentInfo;
import io.drover.protocol.PersistentVolume;
import io.drover.resources.Reservations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents a master knows: every master keeps it warm from what agents publish, so a new leader
 * does not start cold. An agent is offered only once it has (re-)registered with the current
 * leader, and stops being offered once it is unreachable.
 */
public final class AgentRegistry {

  /** One agent and what the master knows of its liveness. */
  public static final class Agent {
    private AgentInfo info;
    private long lastSeenMs;
    private boolean registeredThisTerm;
    private Double unreachableSince;
    private final double registeredTime;
    /** Reservations made through the master (RESERVE, RESERVE_RESOURCES), kept in its registry. */
    private Reservations dynamic = Reservations.NONE;
    /** Persistent volumes made on its reserved disk (CREATE), kept in the master's registry too. */
    private List<PersistentVolume> volumes = List.of();
    private boolean deactivated;
    private AgentDrain drain;

    Agent(AgentInfo info, long nowMs) {
      this.info = info;
      this.lastSeenMs = nowMs;
      this.registeredTime = nowMs / 1000.0;
    }

    public AgentInfo info() {
      return info;
    }

    public String id() {
      return info.getId();
    }

    public long lastSeenMs() {
      return lastSeenMs;
    }

    /** Registered with the current leader: its tasks are known and its resources may be offered. */
    public boolean registeredThisTerm() {
      return registeredThisTerm;
    }

    public boolean reachable() {
      return unreachableSince == null;
    }

    public boolean offerable() {
      return registeredThisTerm && reachable() && !deactivated;
    }

    /** Deactivated by an operator (or a drain): its resources are not offered, its tasks keep running. */
    public boolean deactivated() {
      return deactivated;
    }

    /** Its drain, or null when it is not draining nor drained. */
    public AgentDrain drain() {
      return drain;
    }

    public Double unreachableSince() {
      return unreachableSince;
    }

    public double registeredTime() {
      return registeredTime;
    }

    /** The reservations made through the master; those of the agent's flag are in its info. */
    public Reservations dynamic() {
      return dynamic;
    }

    /** Every reservation of its resources, of its flag and made through the master. */
    public Reservations reserved() {
      return info.reserved().plus(dynamic);
    }

    public void reserve(Reservations newDynamic) {
      dynamic = newDynamic;
    }

    public List<PersistentVolume> volumes() {
      return volumes;
    }

    public void volumes(List<PersistentVolume> newVolumes) {
      volumes = List.copyOf(newVolumes);
    }

    /** The disk its persistent volumes hold, by role: reserved disk that is not free to offer as disk. */
    public Reservations volumeDisk() {
      Reservations disk = Reservations.NONE;
      for (PersistentVolume volume : volumes) {
        disk = disk.plus(volume.role(), volume.disk());
      }
      return disk;
    }
  }

  private final Map<String, Agent> agents = new LinkedHashMap<>();

  /** Records a (re-)registration; the agent is reachable again and registered in this term. */
  public Agent register(AgentInfo info, long nowMs, boolean withLeader) {
    Agent agent = agents.computeIfAbsent(info.getId(), id -> new Agent(info, nowMs));
    agent.info = info;
    agent.lastSeenMs = nowMs;
    agent.unreachableSince = null;
    agent.registeredThisTerm |= withLeader;
    return agent;
  }

  /**
   * An agent the durable registry admitted but that has not spoken to this master yet, with the
   * reservations made through the master and its persistent volumes.
   */
  public void recover(AgentInfo info, Double unreachableSince, Reservations dynamic, List<PersistentVolume> volumes,
                      long nowMs) {
    Agent agent = agents.computeIfAbsent(info.getId(), id -> new Agent(info, nowMs));
    agent.dynamic = dynamic;
    agent.volumes = List.copyOf(volumes);
    if (agent.unreachableSince == null && unreachableSince != null && !agent.registeredThisTerm) {
      agent.unreachableSince = unreachableSince;
    }
  }

  /** Returns false for an agent this master does not know. */
  public boolean heartbeat(String agentId, long nowMs) {
    Agent agent = agents.get(agentId);
    if (agent == null) {
      return false;
    }
    agent.lastSeenMs = nowMs;
    return true;
  }

  /**
   * A new leadership term: every agent must re-register, and each gets a whole timeout to do so
   * from now.
   */
  public void startTerm(long nowMs) {
    agents.values().forEach(agent -> agent.registeredThisTerm = false);
    excusePause(nowMs);
  }

  /** After the master itself was paused: every agent counts as heard of now. */
  public void excusePause(long nowMs) {
    for (Agent agent : agents.values()) {
      agent.lastSeenMs = Math.max(agent.lastSeenMs, nowMs);
    }
  }

  /** Reachable agents not heard of for {@code timeoutMs}, or not re-registered within it. */
  public List<Agent> overdue(long nowMs, long heartbeatTimeoutMs, long reregisterTimeoutMs, long termStartMs) {
    List<Agent> overdue = new ArrayList<>();
    for (Agent agent : agents.values()) {
      boolean silent = nowMs - agent.lastSeenMs > heartbeatTimeoutMs;
      boolean notBack = !agent.registeredThisTerm && nowMs - termStartMs > reregisterTimeoutMs;
      if (agent.reachable() && (silent || notBack)) {
        overdue.add(agent);
      }
    }
    return overdue;
  }

  public void markUnreachable(String agentId, double sinceSeconds) {
    Agent agent = agents.get(agentId);
    if (agent != null) {
      agent.unreachableSince = sinceSeconds;
      agent.registeredThisTerm = false;
    }
  }

  /**
   * Sets what operators decided of an agent (deactivated, drained), from the durable registry or a
   * call; a null drain ends one.
   */
  public void setMaintenance(String agentId, boolean deactivated, AgentDrain drain) {
    Agent agent = agents.get(agentId);
    if (agent != null) {
      agent.deactivated = deactivated;
      agent.drain = drain;
    }
  }

  public void remove(String agentId) {
    agents.remove(agentId);
  }

  public Optional<Agent> get(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  public Collection<Agent> all() {
    return agents.values();
  }
}
