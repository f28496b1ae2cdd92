package io.drover.common;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Opens the Curator client a process uses for leader election, leader detection and durable state,
 * apart from the Vert.x cluster manager's own client.
 */
public final class ZooKeeperConnection {

  private static final Logger LOG = Logger.getLogger(ZooKeeperConnection.class.getName());

  private ZooKeeperConnection() {
  }

  /**
   * Connects, waiting at most {@code connectTimeoutMs}.
   *
   * @throws IllegalStateException naming the ensemble when it cannot be reached in time
   */
  public static CuratorFramework open(ZooKeeperSettings settings) {
    CuratorFramework client = builder(settings).build();
    client.getConnectionStateListenable().addListener((c, state) -> {
      if (state.isConnected()) {
        LOG.info(() -> "ZooKeeper connection to " + settings.connectString() + ": " + state);
      } else {
        LOG.warning(() -> "ZooKeeper connection to " + settings.connectString() + ": " + state);
      }
    });
    start(client, settings);
    if (settings.auth() != null) {
      try {
        guardRoots(client);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return client;
  }

  /**
   * A client for vertx-zookeeper's cluster manager, rooted at its tree, for when ZooKeeper needs
   * auth (its JSON configuration has no place for it). Vert.x closes it when the node leaves.
   */
  public static CuratorFramework openForClusterManager(ZooKeeperSettings settings) {
    CuratorFramework client = builder(settings).namespace(ZkPaths.CLUSTER_ROOT).build();
    start(client, settings);
    return client;
  }

  /**
   * Both trees must belong to the digest identity: one made before ACLs were configured (or by
   * another identity) would stay open, since ZooKeeper's ACLs are per znode and never inherited.
   */
  private static void guardRoots(CuratorFramework client) {
    for (String root : List.of(ZkPaths.ROOT, "/" + ZkPaths.CLUSTER_ROOT)) {
      List<ACL> acl;
      try {
        try {
          client.create().withMode(CreateMode.PERSISTENT).forPath(root);
        } catch (KeeperException.NodeExistsException made) {
          // made earlier, or by another process a moment ago: its ACL is checked all the same
        }
        acl = client.getACL().forPath(root);
      } catch (KeeperException.NoAuthException e) {
        throw new IllegalStateException("the znode " + root + " belongs to another ZooKeeper identity", e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot check the ACL of " + root + ": " + e.getMessage(), e);
      }
      if (acl.stream().anyMatch(entry -> !"digest".equals(entry.getId().getScheme()))) {
        throw new IllegalStateException("the znode " + root + " is open to anyone (" + acl + "); it was made before"
          + " ZooKeeper auth was configured: delete it or restrict its ACL (and its children's) to the digest identity");
      }
    }
  }

  private static CuratorFrameworkFactory.Builder builder(ZooKeeperSettings settings) {
    CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
      .connectString(settings.connectString())
      .sessionTimeoutMs(settings.sessionTimeoutMs())
      // Curator's per-attempt connection timeout; the overall wait is connectTimeoutMs below
      .connectionTimeoutMs(Math.min(settings.connectTimeoutMs(), settings.sessionTimeoutMs()))
      .retryPolicy(new ExponentialBackoffRetry(200, 10, 2_000))
      // only a lost session ends what depends on it (leadership above all): a SUSPENDED connection
      // that comes back on the same session, as when one ensemble member restarts, changes nothing
      .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy());
    if (settings.auth() != null) {
      // every znode made through this client, parents included, belongs to the identity alone
      builder.authorization("digest", settings.auth().getBytes(StandardCharsets.UTF_8)).aclProvider(CREATOR_ONLY);
    }
    return builder;
  }

  private static final ACLProvider CREATOR_ONLY = new ACLProvider() {
    @Override
    public List<ACL> getDefaultAcl() {
      return ZooDefs.Ids.CREATOR_ALL_ACL;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
      return ZooDefs.Ids.CREATOR_ALL_ACL;
    }
  };

  private static void start(CuratorFramework client, ZooKeeperSettings settings) {
    client.start();
    try {
      if (!client.blockUntilConnected(settings.connectTimeoutMs(), TimeUnit.MILLISECONDS)) {
        client.close();
        throw new IllegalStateException("cannot reach ZooKeeper at " + settings.connectString() + " within "
          + settings.connectTimeoutMs() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
    }
  }
}
