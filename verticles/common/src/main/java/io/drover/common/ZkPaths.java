package io.drover.common;

import io.drover.common.election.ElectionPaths;

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
  /** The roles' weights set through the operator API, one JSON object by role. */
  public static final String WEIGHTS = ROOT + "/registry/weights";
  /** The roles' quotas set through the operator API, one JSON object by role. */
  public static final String QUOTAS = ROOT + "/registry/quotas";
  /** Mesos's maintenance: the schedule and the machines down, one JSON document. */
  public static final String MAINTENANCE = ROOT + "/registry/maintenance";
  /** The masters' election: candidates, epoch and current leader. */
  public static final ElectionPaths MASTER_ELECTION = new ElectionPaths(ELECTION, EPOCH, LEADER);
  /** The marathon scheduler's state: its framework id, apps, groups, deployments, election. */
  public static final String MARATHON = ROOT + "/marathon";
  public static final String MARATHON_FRAMEWORK_ID = MARATHON + "/framework-id";
  /** One znode per app, holding its current definition and its latest versions. */
  public static final String MARATHON_APPS = MARATHON + "/apps";
  /** Groups that exist apart from their apps (empty groups, group dependencies). */
  public static final String MARATHON_GROUPS = MARATHON + "/groups";
  /** One znode per deployment in progress. */
  public static final String MARATHON_DEPLOYMENTS = MARATHON + "/deployments";
  public static final ElectionPaths MARATHON_ELECTION =
    new ElectionPaths(MARATHON + "/election", MARATHON + "/epoch", MARATHON + "/leader");
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
