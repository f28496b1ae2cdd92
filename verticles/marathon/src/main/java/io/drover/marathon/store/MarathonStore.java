package io.drover.marathon.store;

import io.drover.common.ZkPaths;
import io.drover.common.election.Term;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's durable state in ZooKeeper under {@code /drover/marathon}: the framework id, one
 * znode per app (its current definition and latest versions), one per deployment in progress, and
 * one for groups. Every change is one transaction fenced by the leader's term, so a request either
 * lands whole or not at all, and a deposed leader writes nothing. Blocking: call it off the event
 * loop.
 */
public final class MarathonStore {

  /** A change to one znode, encoded once: {@code data} null deletes it. */
  public record Write(String path, byte[] data) {
    public static Write put(String path, JsonObject data) {
      return new Write(path, data.encode().getBytes(StandardCharsets.UTF_8));
    }

    public static Write delete(String path) {
      return new Write(path, null);
    }

    /** The bytes this write sends to ZooKeeper. */
    public int size() {
      return data == null ? 0 : data.length;
    }
  }

  private final CuratorFramework client;

  private static final String EVENT_SUBSCRIBERS = ZkPaths.MARATHON + "/event-subscribers";

  public MarathonStore(CuratorFramework client) {
    this.client = client;
  }

  public static String appPath(String znodeName) {
    return ZkPaths.MARATHON_APPS + "/" + znodeName;
  }

  public static String deploymentPath(String id) {
    return ZkPaths.MARATHON_DEPLOYMENTS + "/" + id;
  }

  /**
   * Creates the parents as persistent znodes: container znodes would be removed by ZooKeeper once
   * the last app or deployment is gone, and the next transaction's create would then fail.
   */
  public void prepare() throws Exception {
    for (String parent : new String[] {ZkPaths.MARATHON_APPS, ZkPaths.MARATHON_DEPLOYMENTS}) {
      try {
        client.create().creatingParentsIfNeeded().forPath(parent);
      } catch (KeeperException.NodeExistsException already) {
        // prepared by an earlier leader
      }
    }
  }

  public Optional<String> frameworkId() throws Exception {
    return read(ZkPaths.MARATHON_FRAMEWORK_ID).map(json -> json.getString("id"));
  }

  public Write frameworkIdWrite(String id) {
    return Write.put(ZkPaths.MARATHON_FRAMEWORK_ID, new JsonObject().put("id", id));
  }

  public Map<String, JsonObject> apps() throws Exception {
    return children(ZkPaths.MARATHON_APPS);
  }

  public Map<String, JsonObject> deployments() throws Exception {
    return children(ZkPaths.MARATHON_DEPLOYMENTS);
  }

  /** The callback URLs of {@code /v2/eventSubscriptions}: one znode, {@code {"callbackUrls": [...]}}. */
  public List<String> eventSubscribers() throws Exception {
    return read(EVENT_SUBSCRIBERS).map(json -> json.getJsonArray("callbackUrls").stream().map(String::valueOf).toList())
      .orElse(List.of());
  }

  public static Write eventSubscribersWrite(Collection<String> callbackUrls) {
    return Write.put(EVENT_SUBSCRIBERS, new JsonObject().put("callbackUrls", new JsonArray(List.copyOf(callbackUrls))));
  }

  public Optional<JsonObject> groups() throws Exception {
    return read(ZkPaths.MARATHON_GROUPS);
  }

  /** Applies all writes in one transaction fenced by {@code term}; fails if the term is over. */
  public void commit(Term term, List<Write> writes) throws Exception {
    if (writes.isEmpty()) {
      return;
    }
    List<CuratorOp> ops = new ArrayList<>();
    ops.add(term.fence(client));
    for (Write write : writes) {
      boolean exists = client.checkExists().forPath(write.path()) != null;
      if (write.data() == null) {
        if (exists) {
          ops.add(client.transactionOp().delete().forPath(write.path()));
        }
      } else {
        ops.add(exists ? client.transactionOp().setData().forPath(write.path(), write.data())
          : client.transactionOp().create().forPath(write.path(), write.data()));
      }
    }
    try {
      client.transaction().forOperations(ops);
    } catch (KeeperException.NoNodeException parentGone) {
      // a parent made as a container by an older Drover was reaped when it emptied: make it again
      prepare();
      client.transaction().forOperations(ops);
    } catch (KeeperException.BadVersionException fenced) {
      throw new IllegalStateException("this scheduler is no longer the leader; nothing was written");
    }
  }

  private Map<String, JsonObject> children(String parent) throws Exception {
    Map<String, JsonObject> result = new LinkedHashMap<>();
    for (String child : client.getChildren().forPath(parent)) {
      read(parent + "/" + child).ifPresent(json -> result.put(child, json));
    }
    return result;
  }

  private Optional<JsonObject> read(String path) throws Exception {
    try {
      return Optional.of(new JsonObject(new String(client.getData().forPath(path), StandardCharsets.UTF_8)));
    } catch (KeeperException.NoNodeException absent) {
      return Optional.empty();
    }
  }
}
