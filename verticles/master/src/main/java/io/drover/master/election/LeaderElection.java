package io.drover.master.election;

import io.drover.common.ZkPaths;
import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Master leader election with Curator's {@link LeaderSelector}. A won term takes a new epoch and
 * publishes the leader at {@code /drover/leader}; the term ends when the ZooKeeper connection is
 * SUSPENDED or LOST (the adapter cancels leadership then), or when the master stops.
 */
public final class LeaderElection implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LeaderElection.class.getName());

  /** What the master does when a term starts and ends; called on Curator's election thread. */
  public interface Terms {
    void elected(LeaderInfo leader);

    void deposed(long epoch);
  }

  /** The master's address, to be completed with an epoch and time when it wins. */
  public record Candidate(String masterId, String hostname, int port) {
  }

  private final CuratorFramework client;
  private final Candidate candidate;
  private final Terms terms;
  private final EpochCounter epochs;
  private final LeaderSelector selector;
  private final CountDownLatch closing = new CountDownLatch(1);

  public LeaderElection(CuratorFramework client, Candidate candidate, Terms terms) {
    this.client = client;
    this.candidate = candidate;
    this.terms = terms;
    this.epochs = new EpochCounter(client);
    this.selector = new LeaderSelector(client, ZkPaths.ELECTION, new LeaderSelectorListenerAdapter() {
      @Override
      public void takeLeadership(CuratorFramework c) throws Exception {
        lead();
      }
    });
    selector.setId(candidate.masterId());
    selector.autoRequeue();
  }

  public void start() {
    selector.start();
  }

  private void lead() throws Exception {
    long epoch = epochs.next();
    LeaderInfo leader = new LeaderInfo(candidate.masterId(), candidate.hostname(), candidate.port(), epoch,
      System.currentTimeMillis() / 1000.0);
    publish(leader);
    LOG.info(() -> "master " + candidate.masterId() + " elected leader, epoch " + epoch);
    try {
      terms.elected(leader);
      closing.await();
    } finally {
      LOG.info(() -> "master " + candidate.masterId() + " stepped down from epoch " + epoch);
      terms.deposed(epoch);
      unpublish(epoch);
    }
  }

  private void publish(LeaderInfo leader) throws Exception {
    byte[] data = leader.toJson().encode().getBytes(StandardCharsets.UTF_8);
    while (true) {
      // an older leader's znode may outlive its term until its session ends: replace it
      try {
        client.delete().forPath(ZkPaths.LEADER);
      } catch (KeeperException.NoNodeException absent) {
        // nothing to replace
      }
      try {
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.LEADER, data);
        return;
      } catch (KeeperException.NodeExistsException raced) {
        // a deposed leader rewrote it between our delete and create; try again
      }
    }
  }

  private void unpublish(long epoch) {
    try {
      byte[] data = client.getData().forPath(ZkPaths.LEADER);
      LeaderInfo current = new LeaderInfo(new io.vertx.core.json.JsonObject(new String(data, StandardCharsets.UTF_8)));
      if (current.getEpoch() == epoch) {
        client.delete().forPath(ZkPaths.LEADER);
      }
    } catch (Exception unreachable) {
      // the znode is ephemeral: it goes with our session if we cannot delete it now
      LOG.log(Level.FINE, "could not remove the leader znode", unreachable);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    selector.close();
  }
}
