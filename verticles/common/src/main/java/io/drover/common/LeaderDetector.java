package io.drover.common;

import io.drover.protocol.LeaderInfo;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

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
  private final CuratorCache cache;
  private final List<Consumer<Optional<LeaderInfo>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Optional<LeaderInfo> current = Optional.empty();

  public LeaderDetector(CuratorFramework client) {
    this(client, ZkPaths.LEADER);
  }

  public LeaderDetector(CuratorFramework client, String leaderPath) {
    this.client = client;
    this.cache = CuratorCache.build(client, leaderPath, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(CuratorCacheListener.builder()
      .forCreatesAndChanges((before, after) -> changed(parse(after)))
      .forDeletes(gone -> changed(Optional.empty()))
      .build());
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
    try {
      return Optional.of(new LeaderInfo(new JsonObject(new String(data.getData(), StandardCharsets.UTF_8))));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private void changed(Optional<LeaderInfo> leader) {
    current = leader;
    listeners.forEach(listener -> listener.accept(leader));
  }

  @Override
  public void close() {
    cache.close();
  }
}
