package io.drover.common;

import io.vertx.core.Completable;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.spi.cluster.zookeeper.ZookeeperClusterManager;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * vertx-zookeeper's cluster manager, made to survive the loss of its ZooKeeper session. Version 5.0
 * does not rejoin by itself (vert-x3/vertx-zookeeper#152): after LOST it never writes its node entry
 * again, so every other node fails to reach it ("Not a member of the cluster"); it re-puts its
 * event-bus registrations with create-or-set-data, which leaves them to the old session, so they
 * vanish when ZooKeeper expires it; and it re-puts a consumer unregistered while disconnected, so
 * messages go to a node with no handler for them. This one knows which registrations are live and,
 * on every reconnection and every {@link #AUDIT_MS}, makes ZooKeeper say exactly that: its node
 * entry and live registrations held by the current session, no others of this node.
 */
final class HealingClusterManager implements ClusterManager {

  private static final Logger LOG = Logger.getLogger(HealingClusterManager.class.getName());
  /** vertx-zookeeper's layout, under its namespace. */
  private static final String NODES = "/cluster/nodes/";
  private static final String SUBSCRIPTIONS = "/__vertx.subs";
  static final long AUDIT_MS = 3_000;

  private final ZookeeperClusterManager delegate;
  private final Map<String, Set<RegistrationInfo>> live = new ConcurrentHashMap<>();
  private final ScheduledExecutorService audits = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "drover-cluster-audit");
    thread.setDaemon(true);
    return thread;
  });
  private final ConnectionStateListener reconnected = (c, state) -> {
    if (state == ConnectionState.RECONNECTED) {
      audits.execute(this::audit);
    }
  };

  HealingClusterManager(ZookeeperClusterManager delegate) {
    this.delegate = delegate;
  }

  @Override
  public void join(Completable<Void> promise) {
    delegate.join((ok, failure) -> {
      if (failure == null) {
        delegate.getCuratorFramework().getConnectionStateListenable().addListener(reconnected);
        audits.scheduleWithFixedDelay(this::audit, AUDIT_MS, AUDIT_MS, TimeUnit.MILLISECONDS);
      }
      promise.complete(ok, failure);
    });
  }

  @Override
  public void leave(Completable<Void> promise) {
    audits.shutdownNow();
    CuratorFramework client = delegate.getCuratorFramework();
    if (client != null) {
      client.getConnectionStateListenable().removeListener(reconnected);
    }
    delegate.leave(promise);
  }

  @Override
  public void addRegistration(String address, RegistrationInfo registration, Completable<Void> promise) {
    if (!registration.localOnly()) {
      live.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(registration);
    }
    delegate.addRegistration(address, registration, promise);
  }

  @Override
  public void removeRegistration(String address, RegistrationInfo registration, Completable<Void> promise) {
    live.computeIfPresent(address, (a, set) -> {
      set.remove(registration);
      return set.isEmpty() ? null : set;
    });
    delegate.removeRegistration(address, registration, promise);
  }

  /** One pass; a failure (ZooKeeper away) waits for the next. */
  private void audit() {
    CuratorFramework client = delegate.getCuratorFramework();
    if (!client.getZookeeperClient().isConnected()) {
      return;
    }
    try {
      int changed = takeBackNodeEntry(client) + takeBackRegistrations(client) + dropUnregistered(client);
      if (changed > 0) {
        LOG.info(() -> "cluster node " + getNodeId() + ": rewrote " + changed + " of its znodes for ZooKeeper session "
          + Long.toHexString(sessionId(client)));
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "cluster audit failed; the next one tries again", e);
    }
  }

  private int takeBackNodeEntry(CuratorFramework client) throws Exception {
    NodeInfo info = delegate.getNodeInfo();
    if (info == null) {
      return 0;
    }
    Buffer bytes = Buffer.buffer();
    info.writeToBuffer(bytes);
    return SessionOwnedZnode.claim(client, NODES + getNodeId(), bytes.getBytes()) ? 1 : 0;
  }

  private int takeBackRegistrations(CuratorFramework client) throws Exception {
    int changed = 0;
    for (Map.Entry<String, Set<RegistrationInfo>> entry : live.entrySet()) {
      for (RegistrationInfo registration : List.copyOf(entry.getValue())) {
        Buffer bytes = Buffer.buffer();
        registration.writeToBuffer(bytes);
        String path = SUBSCRIPTIONS + "/" + entry.getKey() + "/" + getNodeId() + "-" + registration.seq();
        if (entry.getValue().contains(registration) && SessionOwnedZnode.claim(client, path, bytes.getBytes())) {
          changed++;
        }
      }
    }
    return changed;
  }

  private int dropUnregistered(CuratorFramework client) throws Exception {
    if (client.checkExists().forPath(SUBSCRIPTIONS) == null) {
      return 0;
    }
    int changed = 0;
    String mine = getNodeId() + "-";
    for (String address : client.getChildren().forPath(SUBSCRIPTIONS)) {
      Set<RegistrationInfo> registered = live.getOrDefault(address, Set.of());
      for (String name : client.getChildren().forPath(SUBSCRIPTIONS + "/" + address)) {
        if (name.startsWith(mine) && registered.stream().noneMatch(r -> name.equals(mine + r.seq()))) {
          client.delete().quietly().forPath(SUBSCRIPTIONS + "/" + address + "/" + name);
          changed++;
        }
      }
    }
    return changed;
  }

  private static long sessionId(CuratorFramework client) {
    try {
      return client.getZookeeperClient().getZooKeeper().getSessionId();
    } catch (Exception e) {
      return 0;
    }
  }

  // ---- the rest is vertx-zookeeper's

  @Override
  public void init(Vertx vertx) {
    delegate.init(vertx);
  }

  @Override
  public <K, V> void getAsyncMap(String name, Completable<AsyncMap<K, V>> promise) {
    delegate.getAsyncMap(name, promise);
  }

  @Override
  public <K, V> Map<K, V> getSyncMap(String name) {
    return delegate.getSyncMap(name);
  }

  @Override
  public void getLockWithTimeout(String name, long timeout, Completable<Lock> promise) {
    delegate.getLockWithTimeout(name, timeout, promise);
  }

  @Override
  public void getCounter(String name, Completable<Counter> promise) {
    delegate.getCounter(name, promise);
  }

  @Override
  public void nodeListener(NodeListener listener) {
    delegate.nodeListener(listener);
  }

  @Override
  public void setNodeInfo(NodeInfo nodeInfo, Completable<Void> promise) {
    delegate.setNodeInfo(nodeInfo, promise);
  }

  @Override
  public boolean isActive() {
    return delegate.isActive();
  }

  @Override
  public void registrationListener(RegistrationListener listener) {
    delegate.registrationListener(listener);
  }

  @Override
  public String getNodeId() {
    return delegate.getNodeId();
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    delegate.getRegistrations(address, promise);
  }

  @Override
  public NodeInfo getNodeInfo() {
    return delegate.getNodeInfo();
  }

  @Override
  public void getNodeInfo(String nodeId, Completable<NodeInfo> promise) {
    delegate.getNodeInfo(nodeId, promise);
  }

  @Override
  public List<String> getNodes() {
    return delegate.getNodes();
  }

  @Override
  public String clusterHost() {
    return delegate.clusterHost();
  }

  @Override
  public String clusterPublicHost() {
    return delegate.clusterPublicHost();
  }
}
