package io.drover.common.election;

import io.drover.protocol.LeaderInfo;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.apache.curator.framework.api.transaction.CuratorOp;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Leader election for a role with several instances (masters, marathon schedulers), with Curator's
 * {@link LeaderSelector}. A won term takes a new epoch and publishes the leader at
 * {@link ElectionPaths#leader()}; the term ends when the ZooKeeper session is LOST (the client's
 * error policy counts only that), or when the candidate stops. While the connection is SUSPENDED
 * the term is {@link #suspended()}: the leader must not act, since its session may be expiring and
 * a successor may be elected; it acts again if the same session comes back (RECONNECTED), because
 * then its election znode never went and nobody else can have led.
 */
public final class LeaderElection implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LeaderElection.class.getName());

  /** What the candidate does when a term starts and ends; called on Curator's election thread. */
  public interface Terms {
    void elected(Term term);

    void deposed(long epoch);

    /** Terms handled on {@code context}, off Curator's thread: where a verticle keeps its state. */
    static Terms on(Context context, Consumer<Term> elected, LongConsumer deposed) {
      return new Terms() {
        @Override
        public void elected(Term term) {
          context.runOnContext(v -> elected.accept(term));
        }

        @Override
        public void deposed(long epoch) {
          context.runOnContext(v -> deposed.accept(epoch));
        }
      };
    }
  }

  private final CuratorFramework client;
  private final ElectionPaths paths;
  private final Candidate candidate;
  private final Terms terms;
  private final EpochCounter epochs;
  private final LeaderSelector selector;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean suspended;
  private final ConnectionStateListener connection = (c, state) -> {
    if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
      suspended = true;
    } else if (state.isConnected()) {
      suspended = false;
    }
  };

  public LeaderElection(CuratorFramework client, ElectionPaths paths, Candidate candidate, Terms terms) {
    this.client = client;
    this.paths = paths;
    this.candidate = candidate;
    this.terms = terms;
    this.epochs = new EpochCounter(client, paths.epoch());
    this.selector = new LeaderSelector(client, paths.election(), new LeaderSelectorListenerAdapter() {
      @Override
      public void takeLeadership(CuratorFramework c) throws Exception {
        lead();
      }
    });
    selector.setId(candidate.id());
    selector.autoRequeue();
  }

  public void start() {
    client.getConnectionStateListenable().addListener(connection);
    selector.start();
  }

  /** Whether the ZooKeeper connection is down: a term, if one runs, must hold its commands now. */
  public boolean suspended() {
    return suspended;
  }

  private void lead() throws Exception {
    Term term = epochs.next(candidate);
    long epoch = term.leader().getEpoch();
    publish(term);
    LOG.info(() -> candidate.id() + " elected leader, epoch " + epoch);
    try {
      terms.elected(term);
      closing.await();
    } finally {
      LOG.info(() -> candidate.id() + " stepped down from epoch " + epoch);
      terms.deposed(epoch);
      unpublish(epoch);
    }
  }

  /**
   * Writes the leader znode in one transaction with the term's fence: if another candidate has
   * taken a newer epoch meanwhile, this fails and the term ends before it began.
   */
  private void publish(Term term) throws Exception {
    byte[] data = term.leader().toJson().encode().getBytes(StandardCharsets.UTF_8);
    client.createContainers(paths.election());
    while (true) {
      List<CuratorOp> ops = new ArrayList<>();
      ops.add(term.fence(client));
      // an older leader's znode may outlive its term until its session ends: replace it
      if (client.checkExists().forPath(paths.leader()) != null) {
        ops.add(client.transactionOp().delete().forPath(paths.leader()));
      }
      ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(paths.leader(), data));
      try {
        client.transaction().forOperations(ops);
        return;
      } catch (KeeperException.NoNodeException | KeeperException.NodeExistsException raced) {
        // the old leader's znode went or came between our look and our write; look again
      }
    }
  }

  /** Removes the leader znode if it is still this term's, and only that version of it. */
  private void unpublish(long epoch) {
    try {
      Stat stat = new Stat();
      byte[] data = client.getData().storingStatIn(stat).forPath(paths.leader());
      LeaderInfo current = new LeaderInfo(new JsonObject(new String(data, StandardCharsets.UTF_8)));
      if (current.getEpoch() == epoch) {
        client.delete().withVersion(stat.getVersion()).forPath(paths.leader());
      }
    } catch (Exception unreachable) {
      // the znode is ephemeral: it goes with our session if we cannot delete it now
      LOG.log(Level.FINE, "could not remove the leader znode", unreachable);
    }
  }

  @Override
  public void close() {
    client.getConnectionStateListenable().removeListener(connection);
    closing.countDown();
    selector.close();
  }
}
