package io.drover.master.election;

import io.drover.common.ZkPaths;
import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;

/**
 * The leadership epoch in ZooKeeper: a number that only grows, taken by compare-and-set so that two
 * masters can never hold the same epoch.
 */
final class EpochCounter {

  private final CuratorFramework client;

  EpochCounter(CuratorFramework client) {
    this.client = client;
  }

  /**
   * Takes the next epoch. Blocking: call it from the election thread, never an event loop. The
   * term's znode version fences the leader's later writes: once another master takes an epoch, the
   * version moves on and every write checked against the old one fails.
   */
  Term next(LeaderElection.Candidate candidate) throws Exception {
    while (true) {
      Stat stat = new Stat();
      long current;
      try {
        current = Long.parseLong(new String(client.getData().storingStatIn(stat).forPath(ZkPaths.EPOCH),
          StandardCharsets.UTF_8).trim());
      } catch (KeeperException.NoNodeException absent) {
        try {
          client.create().creatingParentsIfNeeded().forPath(ZkPaths.EPOCH, bytes(1));
          return term(candidate, 1, 0);
        } catch (KeeperException.NodeExistsException raced) {
          continue;
        }
      }
      try {
        Stat written = client.setData().withVersion(stat.getVersion()).forPath(ZkPaths.EPOCH, bytes(current + 1));
        return term(candidate, current + 1, written.getVersion());
      } catch (KeeperException.BadVersionException raced) {
        // another master took an epoch between our read and write; read again
      }
    }
  }

  private static Term term(LeaderElection.Candidate candidate, long epoch, int version) {
    return new Term(new LeaderInfo(candidate.masterId(), candidate.hostname(), candidate.port(), epoch,
      System.currentTimeMillis() / 1000.0), version);
  }

  private static byte[] bytes(long epoch) {
    return Long.toString(epoch).getBytes(StandardCharsets.UTF_8);
  }
}
