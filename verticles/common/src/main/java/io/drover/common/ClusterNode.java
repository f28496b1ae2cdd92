package io.drover.common;

import io.drover.common.security.ClusterSecurity;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.zookeeper.ZookeeperClusterManager;
import org.apache.curator.framework.CuratorFramework;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One process's membership of a Drover cluster: a clustered Vert.x on ZooKeeper (vertx-zookeeper),
 * plus the Curator client and leader detector the roles share.
 */
public final class ClusterNode implements AutoCloseable {

  private final Vertx vertx;
  private final CuratorFramework zk;
  private final LeaderDetector detector;

  private ClusterNode(Vertx vertx, CuratorFramework zk, LeaderDetector detector) {
    this.vertx = vertx;
    this.zk = zk;
    this.detector = detector;
  }

  /**
   * Joins the cluster, binding the event bus to {@code host}, proving membership as {@code security}
   * says. Blocking.
   *
   * @throws IllegalStateException naming the problem when ZooKeeper cannot be reached or the join fails
   */
  public static ClusterNode join(ZooKeeperSettings settings, String host, ClusterSecurity security) {
    CuratorFramework zk = ZooKeeperConnection.open(settings);
    LeaderDetector detector = new LeaderDetector(zk).start();
    VertxOptions options = new VertxOptions().setEventBusOptions(security.apply(new EventBusOptions()
      .setHost(host).setClusterPublicHost(host).setPort(0))).setMetricsOptions(NodeMetrics.vertxOptions());
    ClusterManager manager = new HealingClusterManager(settings.auth() == null
      ? new ZookeeperClusterManager(settings.clusterManagerConfig())
      : new ZookeeperClusterManager(ZooKeeperConnection.openForClusterManager(settings)));
    try {
      Vertx vertx = Vertx.builder().with(options).withMetrics(NodeMetrics.vertxFactory())
        .withClusterManager(manager).buildClustered()
        .toCompletionStage().toCompletableFuture().get(settings.connectTimeoutMs() * 3L, TimeUnit.MILLISECONDS);
      security.install(vertx);
      return new ClusterNode(vertx, zk, detector);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      detector.close();
      zk.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("could not join the cluster on " + settings.connectString() + ": " + cause, cause);
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public CuratorFramework zk() {
    return zk;
  }

  public LeaderDetector detector() {
    return detector;
  }

  /** Deploys a role's verticle with its config. */
  public Future<String> deploy(Deployable verticle, JsonObject config) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config));
  }

  /** Leaves the cluster: undeploys everything, then closes the ZooKeeper client. Blocking. */
  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
    detector.close();
    zk.close();
  }
}
