package io.drover.agent;

import io.drover.protocol.LeaderInfo;

import java.util.List;
import java.util.Optional;

/**
 * An agent process as it was at one moment, for the HTTP API: nothing in it changes after.
 *
 * @param nodeId the process's id ({@code drover.node.<nodeId>})
 * @param startedMs when the process's agent role started (epoch milliseconds)
 * @param leaderEpoch the newest leader epoch the process has seen
 * @param leader the leading master, as the process last learnt it
 * @param cgroups whether tasks get cgroup limits; {@code isolation} says why (not)
 * @param docker whether Docker tasks can run; {@code dockerStatus} says why (not)
 */
record NodeView(String nodeId, long startedMs, long leaderEpoch, Optional<LeaderInfo> leader, boolean cgroups, String isolation,
                boolean docker, String dockerStatus, List<AgentView> agents) {

  NodeView {
    agents = List.copyOf(agents);
  }
}
