package io.drover.master.state;

import io.drover.common.ZkPaths;
import io.drover.common.election.Term;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.Json;
import io.drover.protocol.PersistentVolume;
import io.drover.resources.Reservations;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import java.util.logging.Logger;

/**
 * The admitted agents, durable in ZooKeeper, one znode per agent (Mesos's registry). Only the
 * leader writes, fenced by its term; writes are asynchronous so they never block the event loop.
 */
public final class DurableAgentRegistry {

  private static final Logger LOG = Logger.getLogger(DurableAgentRegistry.class.getName());

  /**
   * One admitted agent; {@code unreachableSince} is null while reachable, {@code drain} while it is
   * not draining nor drained (Mesos keeps both with the agent in its registry); {@code dynamic} are
   * the reservations made through the master and {@code volumes} the persistent volumes, which
   * only the registry keeps.
   */
  public record Admitted(AgentInfo info, Double unreachableSince, boolean deactivated, AgentDrain drain,
                         Reservations dynamic, List<PersistentVolume> volumes) {

    public Admitted(AgentInfo info, Double unreachableSince) {
      this(info, unreachableSince, false, null, Reservations.NONE, List.of());
    }

    /** The agent as the master knows it now. */
    public static Admitted of(AgentRegistry.Agent agent) {
      return new Admitted(agent.info(), agent.unreachableSince(), agent.deactivated(), agent.drain(),
        agent.dynamic(), agent.volumes());
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("info", info.toJson()).put("unreachable_since", unreachableSince);
      if (deactivated) {
        json.put("deactivated", true);
      }
      if (drain != null) {
        json.put("drain_info", drain.toJson());
      }
      if (!dynamic.isEmpty()) {
        json.put("dynamic_reservations", Json.reservations(dynamic));
      }
      if (!volumes.isEmpty()) {
        json.put("persistent_volumes", PersistentVolume.toJson(volumes));
      }
      return json;
    }

    static Admitted fromJson(JsonObject json) {
      JsonObject drain = json.getJsonObject("drain_info");
      return new Admitted(new AgentInfo(json.getJsonObject("info")), json.getDouble("unreachable_since"),
        json.getBoolean("deactivated", false), drain == null ? null : AgentDrain.fromJson(drain),
        Json.reservations(json.getJsonObject("dynamic_reservations")),
        PersistentVolume.fromJson(json.getJsonArray("persistent_volumes")));
    }
  }

  /** Entries per transaction: a few hundred bytes each, well under ZooKeeper's 1 MB request limit. */
  static final int MAX_BATCH = 500;

  private final CuratorFramework client;
  private final Term term;
  private final DoubleConsumer storeTime;
  /** What ZooKeeper holds, by agent id, as far as this term read or wrote it. */
  private final Map<String, String> stored = new HashMap<>();
  /** Entries (agent id to JSON) waiting for the next transaction; a later save of an agent replaces its earlier one. */
  private final Map<String, String> pending = new LinkedHashMap<>();
  /** Who waits for the pending entry of an agent to be written. */
  private final Map<String, List<CompletableFuture<Void>>> waiting = new HashMap<>();
  private boolean writing;

  /**
   * The registry as the leader of {@code term} writes it; reads need no term.
   *
   * @param storeTime told how many milliseconds each write took until ZooKeeper answered
   */
  public DurableAgentRegistry(CuratorFramework client, Term term, DoubleConsumer storeTime) {
    this.client = client;
    this.term = term;
    this.storeTime = storeTime;
  }

  /** Prepares the registry's parent znode. Blocking: call it off the event loop. */
  public void prepare() throws Exception {
    // persistent, not a container: ZooKeeper reaps an empty container, and creates under it would fail
    try {
      client.create().creatingParentsIfNeeded().forPath(ZkPaths.AGENTS);
    } catch (KeeperException.NodeExistsException already) {
      // prepared by an earlier leader
    }
  }

  /**
   * Writes or rewrites an agent's entry, fenced by the term: a leader that has been replaced writes
   * nothing. An entry that already says the same is not written again (thousands of agents
   * re-registering with a new leader change nothing), and the rest go in batches: one transaction
   * in flight at a time, carrying every entry saved meanwhile, as Mesos's registrar batches.
   *
   * @return done once ZooKeeper holds the entry (on a ZooKeeper thread); failed when it was not written
   */
  public CompletableFuture<Void> save(Admitted agent) {
    String id = agent.info().getId();
    String json = agent.toJson().encode();
    CompletableFuture<Void> written = new CompletableFuture<>();
    synchronized (this) {
      if (json.equals(stored.get(id)) && !pending.containsKey(id)) {
        written.complete(null);
        return written;
      }
      pending.put(id, json);
      waiting.computeIfAbsent(id, k -> new ArrayList<>()).add(written);
      if (writing) {
        return written;
      }
      writing = true;
    }
    writeBatch();
    return written;
  }

  private static void settle(List<CompletableFuture<Void>> waiters, String failure) {
    if (waiters == null) {
      return;
    }
    waiters.forEach(w -> {
      if (failure == null) {
        w.complete(null);
      } else {
        w.completeExceptionally(new IllegalStateException(failure));
      }
    });
  }

  private void writeBatch() {
    Map<String, String> batch = new LinkedHashMap<>();
    Map<String, List<CompletableFuture<Void>>> waiters = new HashMap<>();
    List<CuratorOp> ops = new ArrayList<>();
    try {
      synchronized (this) {
        var next = pending.entrySet().iterator();
        while (next.hasNext() && batch.size() < MAX_BATCH) {
          var entry = next.next();
          batch.put(entry.getKey(), entry.getValue());
          waiters.put(entry.getKey(), waiting.remove(entry.getKey()));
          next.remove();
        }
        if (batch.isEmpty()) {
          writing = false;
          return;
        }
      }
      ops.add(term.fence(client));
      for (var entry : batch.entrySet()) {
        String path = ZkPaths.agent(entry.getKey());
        byte[] data = entry.getValue().getBytes(StandardCharsets.UTF_8);
        ops.add(isStored(entry.getKey()) ? client.transactionOp().setData().forPath(path, data)
          : client.transactionOp().create().forPath(path, data));
      }
      long started = System.nanoTime();
      client.transaction().inBackground((c, event) -> {
        storeTime.accept((System.nanoTime() - started) / 1e6);
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.OK) {
          batch.forEach(this::remember);
          waiters.values().forEach(w -> settle(w, null));
        } else if (code == KeeperException.Code.BADVERSION) {
          LOG.warning("not saving " + batch.size() + " agent(s): epoch " + term.leader().getEpoch() + " is over");
          waiters.values().forEach(w -> settle(w, "epoch " + term.leader().getEpoch() + " is over"));
        } else {
          // one entry the batch took for missing or present was not: each on its own finds out which
          batch.forEach((id, json) -> write(id, json, isStored(id), waiters.get(id)));
        }
        writeBatch();
      }).forOperations(ops);
    } catch (Exception e) {
      LOG.warning("could not save " + batch.size() + " agent(s) to the registry: " + e.getMessage());
      waiters.values().forEach(w -> settle(w, "could not save to the registry: " + e.getMessage()));
      synchronized (this) {
        writing = false;
      }
    }
  }

  private synchronized boolean isStored(String agentId) {
    return stored.containsKey(agentId);
  }

  private synchronized void remember(String agentId, String json) {
    stored.put(agentId, json);
  }

  private void write(String agentId, String json, boolean exists, List<CompletableFuture<Void>> waiters) {
    try {
      String path = ZkPaths.agent(agentId);
      byte[] data = json.getBytes(StandardCharsets.UTF_8);
      CuratorOp op = exists ? client.transactionOp().setData().forPath(path, data)
        : client.transactionOp().create().forPath(path, data);
      long started = System.nanoTime();
      client.transaction().inBackground((c, event) -> {
        storeTime.accept((System.nanoTime() - started) / 1e6);
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.NONODE && exists) {
          write(agentId, json, false, waiters);
        } else if (code == KeeperException.Code.NODEEXISTS && !exists) {
          write(agentId, json, true, waiters);
        } else if (code == KeeperException.Code.BADVERSION) {
          LOG.warning("not saving agent " + agentId + ": epoch " + term.leader().getEpoch() + " is over");
          settle(waiters, "epoch " + term.leader().getEpoch() + " is over");
        } else if (code != KeeperException.Code.OK) {
          LOG.warning("could not save agent " + agentId + " to the registry: " + code);
          settle(waiters, "could not save to the registry: " + code);
        } else {
          remember(agentId, json);
          settle(waiters, null);
        }
      }).forOperations(term.fence(client), op);
    } catch (Exception e) {
      LOG.warning("could not save agent " + agentId + " to the registry: " + e.getMessage());
      settle(waiters, "could not save to the registry: " + e.getMessage());
    }
  }

  /**
   * Removes an agent that will never come back (it was replaced) or that was unreachable too long,
   * fenced by the term.
   */
  public void remove(String agentId) {
    synchronized (this) {
      // a save not yet written would bring it back
      pending.remove(agentId);
      settle(waiting.remove(agentId), "agent " + agentId + " left the registry");
    }
    try {
      long started = System.nanoTime();
      client.transaction().inBackground((c, event) -> {
        storeTime.accept((System.nanoTime() - started) / 1e6);
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        synchronized (this) {
          stored.remove(agentId);
        }
        if (code != KeeperException.Code.OK && code != KeeperException.Code.NONODE) {
          LOG.warning("could not remove agent " + agentId + " from the registry: " + code);
        }
      }).forOperations(term.fence(client), client.transactionOp().delete().forPath(ZkPaths.agent(agentId)));
    } catch (Exception e) {
      LOG.warning("could not remove agent " + agentId + " from the registry: " + e.getMessage());
    }
  }

  /** Reads every admitted agent. Blocking: call it off the event loop. */
  public List<Admitted> load() throws Exception {
    List<Admitted> admitted = new ArrayList<>();
    List<String> ids;
    try {
      ids = client.getChildren().forPath(ZkPaths.AGENTS);
    } catch (KeeperException.NoNodeException none) {
      return admitted;
    }
    for (String id : ids) {
      try {
        byte[] data = client.getData().forPath(ZkPaths.agent(id));
        String json = new String(data, StandardCharsets.UTF_8);
        admitted.add(Admitted.fromJson(new JsonObject(json)));
        synchronized (this) {
          stored.putIfAbsent(id, json);
        }
      } catch (KeeperException.NoNodeException removed) {
        // removed between listing and reading
      }
    }
    return admitted;
  }
}
