package io.drover.master.election;

import io.drover.common.ZkPaths;
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

  /** Takes the next epoch. Blocking: call it from the election thread, never an event loop. */
  long next() throws Exception {
    while (true) {
      Stat stat = new Stat();
      long current;
      try {
        current = Long.parseLong(new String(client.getData().storingStatIn(stat).forPath(ZkPaths.EPOCH),
          StandardCharsets.UTF_8).trim());
      } catch (KeeperException.NoNodeException absent) {
        try {
          client.create().creatingParentsIfNeeded().forPath(ZkPaths.EPOCH, bytes(1));
          return 1;
        } catch (KeeperException.NodeExistsException raced) {
          continue;
        }
      }
      try {
        client.setData().withVersion(stat.getVersion()).forPath(ZkPaths.EPOCH, bytes(current + 1));
        return current + 1;
      } catch (KeeperException.BadVersionException raced) {
        // another master took an epoch between our read and write; read again
      }
    }
  }

  private static byte[] bytes(long epoch) {
    return Long.toString(epoch).getBytes(StandardCharsets.UTF_8);
  }
}
