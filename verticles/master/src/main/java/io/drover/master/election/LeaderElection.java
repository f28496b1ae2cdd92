package io.drover.master.election;

import io.drover.common.ZkPaths;
import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.apache.curator.framework.api.transaction.CuratorOp;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

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
    void elected(Term term);

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
    Term term = epochs.next(candidate);
    long epoch = term.leader().getEpoch();
    publish(term);
    LOG.info(() -> "master " + candidate.masterId() + " elected leader, epoch " + epoch);
    try {
      terms.elected(term);
      closing.await();
    } finally {
      LOG.info(() -> "master " + candidate.masterId() + " stepped down from epoch " + epoch);
      terms.deposed(epoch);
      unpublish(epoch);
    }
  }

  /**
   * Writes {@code /drover/leader} in one transaction with the term's fence: if another master has
   * taken a newer epoch meanwhile, this fails and the term ends before it began.
   */
  private void publish(Term term) throws Exception {
    byte[] data = term.leader().toJson().encode().getBytes(StandardCharsets.UTF_8);
    client.createContainers(ZkPaths.ROOT);
    while (true) {
      List<CuratorOp> ops = new ArrayList<>();
      ops.add(term.fence(client));
      // an older leader's znode may outlive its term until its session ends: replace it
      if (client.checkExists().forPath(ZkPaths.LEADER) != null) {
        ops.add(client.transactionOp().delete().forPath(ZkPaths.LEADER));
      }
      ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.LEADER, data));
      try {
        client.transaction().forOperations(ops);
        return;
      } catch (KeeperException.NoNodeException | KeeperException.NodeExistsException raced) {
        // the old leader's znode went or came between our look and our write; look again
      }
    }
  }

  /** Removes {@code /drover/leader} if it is still this term's, and only that version of it. */
  private void unpublish(long epoch) {
    try {
      Stat stat = new Stat();
      byte[] data = client.getData().storingStatIn(stat).forPath(ZkPaths.LEADER);
      LeaderInfo current = new LeaderInfo(new JsonObject(new String(data, StandardCharsets.UTF_8)));
      if (current.getEpoch() == epoch) {
        client.delete().withVersion(stat.getVersion()).forPath(ZkPaths.LEADER);
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
