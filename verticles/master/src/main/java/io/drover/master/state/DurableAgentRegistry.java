package io.drover.master.state;

import io.drover.common.ZkPaths;
import io.drover.protocol.AgentInfo;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The admitted agents, durable in ZooKeeper, one znode per agent (Mesos's registry). Only the
 * leader writes; writes are asynchronous so they never block the event loop.
 */
public final class DurableAgentRegistry {

  private static final Logger LOG = Logger.getLogger(DurableAgentRegistry.class.getName());

  /** One admitted agent; {@code unreachableSince} is null while reachable. */
  public record Admitted(AgentInfo info, Double unreachableSince) {
    JsonObject toJson() {
      return new JsonObject().put("info", info.toJson()).put("unreachable_since", unreachableSince);
    }

    static Admitted fromJson(JsonObject json) {
      return new Admitted(new AgentInfo(json.getJsonObject("info")), json.getDouble("unreachable_since"));
    }
  }

  private final CuratorFramework client;

  public DurableAgentRegistry(CuratorFramework client) {
    this.client = client;
  }

  /** Writes or rewrites an agent's entry. */
  public void save(Admitted agent) {
    byte[] data = agent.toJson().encode().getBytes(StandardCharsets.UTF_8);
    try {
      client.create().orSetData().creatingParentsIfNeeded()
        .inBackground((c, event) -> {
          if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
            LOG.warning("could not save agent " + agent.info().getId() + " to the registry: "
              + KeeperException.Code.get(event.getResultCode()));
          }
        })
        .forPath(ZkPaths.agent(agent.info().getId()), data);
    } catch (Exception e) {
      LOG.warning("could not save agent " + agent.info().getId() + " to the registry: " + e.getMessage());
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
        admitted.add(Admitted.fromJson(new JsonObject(new String(data, StandardCharsets.UTF_8))));
      } catch (KeeperException.NoNodeException removed) {
        // removed between listing and reading
      }
    }
    return admitted;
  }
}
