package io.drover.common.election;

import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;

/**
 * The leadership epoch in ZooKeeper: a number that only grows, taken by compare-and-set so that two
 * candidates can never hold the same epoch.
 */
final class EpochCounter {

  private final CuratorFramework client;
  private final String path;

  EpochCounter(CuratorFramework client, String path) {
    this.client = client;
    this.path = path;
  }

  /**
   * Takes the next epoch. Blocking: call it from the election thread, never an event loop. The
   * term's znode version fences the leader's later writes: once another candidate takes an epoch, the
   * version moves on and every write checked against the old one fails.
   */
  Term next(Candidate candidate) throws Exception {
    while (true) {
      Stat stat = new Stat();
      long current;
      try {
        current = Long.parseLong(new String(client.getData().storingStatIn(stat).forPath(path),
          StandardCharsets.UTF_8).trim());
      } catch (KeeperException.NoNodeException absent) {
        try {
          client.create().creatingParentsIfNeeded().forPath(path, bytes(1));
          return term(candidate, 1, 0, path);
        } catch (KeeperException.NodeExistsException raced) {
          continue;
        }
      }
      try {
        Stat written = client.setData().withVersion(stat.getVersion()).forPath(path, bytes(current + 1));
        return term(candidate, current + 1, written.getVersion(), path);
      } catch (KeeperException.BadVersionException raced) {
        // another candidate took an epoch between our read and write; read again
      }
    }
  }

  private static Term term(Candidate candidate, long epoch, int version, String path) {
    return new Term(new LeaderInfo(candidate.id(), candidate.hostname(), candidate.port(), epoch,
      System.currentTimeMillis() / 1000.0), version, path);
  }

  private static byte[] bytes(long epoch) {
    return Long.toString(epoch).getBytes(StandardCharsets.UTF_8);
  }
}
