package io.drover.common;

/** Where Drover keeps its coordination state in ZooKeeper: everything under {@code /drover}. */
public final class ZkPaths {

  public static final String ROOT = "/drover";
  /** Master candidates (Curator leader election). */
  public static final String ELECTION = ROOT + "/election";
  /** The current leader's {@link io.drover.protocol.LeaderInfo}: ephemeral, gone with its session. */
  public static final String LEADER = ROOT + "/leader";
  /** The number of the last leadership term; it only grows. */
  public static final String EPOCH = ROOT + "/epoch";
  /** Live masters, one ephemeral znode each. */
  public static final String MASTERS = ROOT + "/masters";
  /** Admitted agents, one persistent znode each (the durable registry). */
  public static final String AGENTS = ROOT + "/registry/agents";
  /** The Vert.x cluster manager's own tree. */
  public static final String CLUSTER_ROOT = "drover-cluster";

  private ZkPaths() {
  }

  public static String master(String masterId) {
    return MASTERS + "/" + masterId;
  }

  public static String agent(String agentId) {
    return AGENTS + "/" + agentId;
  }
}
