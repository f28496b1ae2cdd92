package io.drover.common;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Writes an ephemeral znode that the client's current session owns. Curator's create-or-set-data
 * is not enough after a session is lost: when the old session still holds the znode (ZooKeeper
 * restores sessions when the ensemble comes back, and only then expires them), the write merely
 * sets its data, and the znode vanishes later with the old session. Here a znode of another
 * session is deleted and created again.
 */
public final class SessionOwnedZnode {

  private SessionOwnedZnode() {
  }

  /** Makes {@code path} an ephemeral znode of this session holding {@code data}. Blocking. */
  public static void write(CuratorFramework client, String path, byte[] data) throws Exception {
    long session = client.getZookeeperClient().getZooKeeper().getSessionId();
    while (true) {
      Stat stat = client.checkExists().forPath(path);
      try {
        if (stat == null) {
          client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
        } else if (stat.getEphemeralOwner() == session) {
          client.setData().withVersion(stat.getVersion()).forPath(path, data);
        } else {
          client.delete().withVersion(stat.getVersion()).forPath(path);
          continue;
        }
        return;
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException
               | KeeperException.BadVersionException raced) {
        // someone else wrote or removed it between our look and our write: look again
      }
    }
  }

  /** Whether {@code path} is missing or held by a session other than the client's current one. */
  public static boolean stale(CuratorFramework client, String path) throws Exception {
    Stat stat = client.checkExists().forPath(path);
    return stat == null || stat.getEphemeralOwner() != client.getZookeeperClient().getZooKeeper().getSessionId();
  }
}
