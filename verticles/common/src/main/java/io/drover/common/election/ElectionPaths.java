package io.drover.common.election;

/**
 * Where one role's election lives in ZooKeeper: the selector's znodes, the epoch counter that
 * fences its leaders, and the ephemeral znode naming the current leader.
 */
public record ElectionPaths(String election, String epoch, String leader) {
}
