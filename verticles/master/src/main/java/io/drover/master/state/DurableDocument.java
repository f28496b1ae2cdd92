package io.drover.master.state;

import io.drover.common.election.Term;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;

/**
 * One JSON object durable in ZooKeeper (the roles' weights, their quotas), as Mesos's registry
 * keeps them, so that a new leader goes on with what its predecessor accepted. Only the leader
 * writes, fenced by its term. Blocking: call it off the event loop.
 */
public final class DurableDocument {

  private final CuratorFramework client;
  private final Term term;
  private final String path;

  /** @param path under the registry, whose parent the agent registry prepares at each term's start */
  public DurableDocument(CuratorFramework client, Term term, String path) {
    this.client = client;
    this.term = term;
    this.path = path;
  }

  /** The stored object; empty when nothing was ever stored. */
  public JsonObject load() throws Exception {
    try {
      return new JsonObject(new String(client.getData().forPath(path), StandardCharsets.UTF_8));
    } catch (KeeperException.NoNodeException none) {
      return new JsonObject();
    }
  }

  /**
   * Stores {@code document} whole, in one transaction with the term's fence.
   *
   * @throws KeeperException.BadVersionException when this term is over: nothing was written
   */
  public void save(JsonObject document) throws Exception {
    byte[] data = document.encode().getBytes(StandardCharsets.UTF_8);
    boolean exists = client.checkExists().forPath(path) != null;
    client.transaction().forOperations(term.fence(client), exists
      ? client.transactionOp().setData().forPath(path, data)
      : client.transactionOp().create().forPath(path, data));
  }
}
