package io.drover.master.state;

import io.drover.protocol.FrameworkInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Frameworks the master knows, connected or not. A disconnected framework keeps its tasks until
 * its failover timeout runs out (counted from when it went away, or from the leader's election
 * for frameworks the leader only learned of from agents).
 */
public final class FrameworkRegistry {

  /** One framework. */
  public static final class Framework {
    private FrameworkInfo info;
    private boolean connected;
    private boolean suppressed;
    private long disconnectedAtMs;
    private double registeredTime;

    Framework(FrameworkInfo info, long nowMs) {
      this.info = info;
      this.disconnectedAtMs = nowMs;
      this.registeredTime = nowMs / 1000.0;
    }

    public FrameworkInfo info() {
      return info;
    }

    public String id() {
      return info.getId();
    }

    public boolean connected() {
      return connected;
    }

    public boolean suppressed() {
      return suppressed;
    }

    public double registeredTime() {
      return registeredTime;
    }
  }

  /** How many removed framework ids are remembered, so that stragglers of theirs are recognised. */
  public static final int REMOVED_KEPT = 1_000;

  private final Map<String, Framework> frameworks = new LinkedHashMap<>();
  private final Map<String, Boolean> removed = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMOVED_KEPT;
    }
  };

  /** Subscribes a framework; the caller has checked it was not removed. */
  public Framework subscribe(FrameworkInfo info, long nowMs) {
    Framework framework = frameworks.computeIfAbsent(info.getId(), id -> new Framework(info, nowMs));
    framework.info = info;
    framework.connected = true;
    return framework;
  }

  /** A framework known only from its tasks on a re-registering agent; counts as disconnected. */
  public void learn(FrameworkInfo info, long nowMs) {
    if (!removed.containsKey(info.getId())) {
      frameworks.putIfAbsent(info.getId(), new Framework(info, nowMs));
    }
  }

  public void disconnect(String frameworkId, long nowMs) {
    Framework framework = frameworks.get(frameworkId);
    if (framework != null && framework.connected) {
      framework.connected = false;
      framework.disconnectedAtMs = nowMs;
    }
  }

  /** A new leader: nobody is subscribed to it yet, and failover timeouts start now. */
  public void startTerm(long nowMs) {
    for (Framework framework : frameworks.values()) {
      framework.connected = false;
      framework.disconnectedAtMs = nowMs;
    }
  }

  public void suppress(String frameworkId, boolean suppressed) {
    get(frameworkId).ifPresent(f -> f.suppressed = suppressed);
  }

  public Optional<Framework> get(String frameworkId) {
    return Optional.ofNullable(frameworkId == null ? null : frameworks.get(frameworkId));
  }

  public Optional<Framework> connected(String frameworkId) {
    return get(frameworkId).filter(Framework::connected);
  }

  /** Removes a framework for good: it cannot come back, and its tasks' updates are no one's. */
  public void remove(String frameworkId) {
    frameworks.remove(frameworkId);
    removed.put(frameworkId, Boolean.TRUE);
  }

  public boolean wasRemoved(String frameworkId) {
    return removed.containsKey(frameworkId);
  }

  /** Disconnected frameworks whose failover timeout has run out. */
  public List<Framework> failedOver(long nowMs) {
    List<Framework> gone = new ArrayList<>();
    for (Framework framework : frameworks.values()) {
      long timeoutMs = (long) (framework.info.getFailoverTimeoutSeconds() * 1000);
      if (!framework.connected && nowMs - framework.disconnectedAtMs >= timeoutMs) {
        gone.add(framework);
      }
    }
    return gone;
  }

  public Collection<Framework> all() {
    return frameworks.values();
  }
}
