package io.drover.common;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

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
    CuratorFramework client = CuratorFrameworkFactory.builder()
      .connectString(settings.connectString())
      .sessionTimeoutMs(settings.sessionTimeoutMs())
      // Curator's per-attempt connection timeout; the overall wait is connectTimeoutMs below
      .connectionTimeoutMs(Math.min(settings.connectTimeoutMs(), settings.sessionTimeoutMs()))
      .retryPolicy(new ExponentialBackoffRetry(200, 10, 2_000))
      // only a lost session ends what depends on it (leadership above all): a SUSPENDED connection
      // that comes back on the same session, as when one ensemble member restarts, changes nothing
      .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
      .build();
    client.getConnectionStateListenable().addListener((c, state) -> {
      if (state.isConnected()) {
        LOG.info(() -> "ZooKeeper connection to " + settings.connectString() + ": " + state);
      } else {
        LOG.warning(() -> "ZooKeeper connection to " + settings.connectString() + ": " + state);
      }
    });
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
    return client;
  }
}
