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
    put(client, path, data, true);
  }

  /**
   * Writes {@code path} only when it is missing or another session holds it; a znode this session
   * holds is left alone (rewriting it would wake every watcher). Blocking.
   *
   * @return whether it wrote
   */
  public static boolean claim(CuratorFramework client, String path, byte[] data) throws Exception {
    return put(client, path, data, false);
  }

  private static boolean put(CuratorFramework client, String path, byte[] data, boolean rewriteOwn) throws Exception {
    long session = client.getZookeeperClient().getZooKeeper().getSessionId();
    while (true) {
      Stat stat = client.checkExists().forPath(path);
      try {
        if (stat == null) {
          client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
        } else if (stat.getEphemeralOwner() != session) {
          client.delete().withVersion(stat.getVersion()).forPath(path);
          continue;
        } else if (rewriteOwn) {
          client.setData().withVersion(stat.getVersion()).forPath(path, data);
        } else {
          return false;
        }
        return true;
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException
               | KeeperException.BadVersionException raced) {
        // someone else wrote or removed it between our look and our write: look again
      }
    }
  }
}
