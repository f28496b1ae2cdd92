package io.drover.common;

/**
 * Every event-bus address Drover uses (DESIGN §3). No address literal appears anywhere else.
 * Addresses are per role, per process or per framework, never per task or per agent: clustered
 * consumer registrations are written to ZooKeeper.
 */
public final class Addresses {

  /** The {@code MasterService} proxy; only the leading master registers it. */
  public static final String MASTER = "drover.master";

  /**
   * The {@code MasterService} of one leadership term, registered beside {@link #MASTER}. A driver
   * that knows the leader from ZooKeeper calls this one: just after a failover the cluster still
   * lists the dead leader's handler for {@link #MASTER} until its session expires, and a call sent
   * there is lost.
   */
  public static String master(long epoch) {
    return MASTER + ".epoch-" + epoch;
  }

  /** Agents publish registrations, heartbeats and status updates here; every master listens. */
  public static final String AGENTS = "drover.agents";

  /**
   * The leading marathon node publishes each of Marathon's events here, numbered; every marathon
   * node keeps copies, so that a new leader replays them to clients coming back with Last-Event-ID.
   */
  public static final String MARATHON_EVENTS = "drover.marathon.events";

  private static final String NODE_PREFIX = "drover.node.";
  private static final String FRAMEWORK_PREFIX = "drover.framework.";
  private static final String UI_PREFIX = "drover.ui.";

  private Addresses() {
  }

  /** Leader → a process hosting agents: launch, kill, acknowledge; messages name the agent. */
  public static String node(String nodeId) {
    return NODE_PREFIX + nodeId;
  }

  /** Leader → a framework: offers, rescinds, status updates, errors and heartbeats. */
  public static String framework(String frameworkId) {
    return FRAMEWORK_PREFIX + frameworkId;
  }

  /** Events for browsers; the only addresses the SockJS bridge lets out. */
  public static String ui(String topic) {
    return UI_PREFIX + topic;
  }

  /** The pattern matching every {@link #ui(String)} address, for the SockJS bridge. */
  public static String uiPattern() {
    return UI_PREFIX.replace(".", "\\.") + "[a-z]+";
  }
}
