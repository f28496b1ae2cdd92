package io.drover.common;

import io.drover.protocol.LeaderInfo;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Watches a leader znode ({@code /drover/leader} unless told otherwise) and tells its listeners who
 * leads, as Mesos's master detector does for agents and schedulers. Listeners run on a Curator thread: hop to your own context.
 */
public final class LeaderDetector implements AutoCloseable {

  private final CuratorFramework client;
  private final String leaderPath;
  private final CuratorCache cache;
  private final List<Consumer<Optional<LeaderInfo>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Optional<LeaderInfo> current = Optional.empty();

  public LeaderDetector(CuratorFramework client) {
    this(client, ZkPaths.LEADER);
  }

  public LeaderDetector(CuratorFramework client, String leaderPath) {
    this.client = client;
    this.leaderPath = leaderPath;
    this.cache = CuratorCache.build(client, leaderPath, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(CuratorCacheListener.builder()
      .forCreatesAndChanges((before, after) -> changed(parse(after)))
      .forDeletes(gone -> changed(Optional.empty()))
      .build());
    // a client whose session came back after a new leader wrote the znode was seen to miss it (an
    // agent that never re-registered): read the znode again on every reconnection
    client.getConnectionStateListenable().addListener(reconnections);
  }

  private final ConnectionStateListener reconnections = (c, state) -> {
    if (state == ConnectionState.RECONNECTED) {
      reread();
    }
  };

  private void reread() {
    try {
      client.getData().inBackground((c, event) -> {
        if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
          found(parse(event.getData()));
        } else if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
          found(Optional.empty());
        }
      }).forPath(leaderPath);
    } catch (Exception e) {
      // the cache's own watch still reports the next change
    }
  }

  public LeaderDetector start() {
    cache.start();
    return this;
  }

  /** The leader as last seen in ZooKeeper. */
  public Optional<LeaderInfo> current() {
    return current;
  }

  /** True while the client is connected to ZooKeeper, so that what it saw of the leader is current. */
  public boolean connected() {
    return client.getZookeeperClient().isConnected();
  }

  /** Calls {@code listener} with every change, and once now with the current leader. */
  public void onChange(Consumer<Optional<LeaderInfo>> listener) {
    listeners.add(listener);
    listener.accept(current);
  }

  private static Optional<LeaderInfo> parse(ChildData data) {
    return parse(data.getData());
  }

  private static Optional<LeaderInfo> parse(byte[] data) {
    try {
      return Optional.of(new LeaderInfo(new JsonObject(new String(data, StandardCharsets.UTF_8))));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private synchronized void changed(Optional<LeaderInfo> leader) {
    current = leader;
    listeners.forEach(listener -> listener.accept(leader));
  }

  /** What a re-read found, told only when it is not what the listeners know already. */
  private synchronized void found(Optional<LeaderInfo> leader) {
    if (!leader.map(LeaderInfo::toJson).equals(current.map(LeaderInfo::toJson))) {
      changed(leader);
    }
  }

  @Override
  public void close() {
    client.getConnectionStateListenable().removeListener(reconnections);
    cache.close();
  }
}
