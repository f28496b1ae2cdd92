package io.drover.master.state;

import io.drover.allocator.RoleQuota;
import io.drover.common.ZkPaths;
import io.drover.common.election.Term;
import io.vertx.core.json.JsonObject;
import org.apache.curator.framework.CuratorFramework;

import java.util.Map;
import java.util.TreeMap;

/**
 * What operators set for roles, durable in ZooKeeper: their weights and their quotas. Only the
 * leader of {@code term} writes. Blocking: call it off the event loop.
 */
public final class RoleRegistry {

  /** What the registry holds. */
  public record Stored(Map<String, Double> weights, Map<String, RoleQuota> quotas) {
  }

  private final DurableDocument weights;
  private final DurableDocument quotas;

  public RoleRegistry(CuratorFramework client, Term term) {
    this.weights = new DurableDocument(client, term, ZkPaths.WEIGHTS);
    this.quotas = new DurableDocument(client, term, ZkPaths.QUOTAS);
  }

  public Stored load() throws Exception {
    Map<String, Double> storedWeights = new TreeMap<>();
    JsonObject json = weights.load();
    json.fieldNames().forEach(role -> storedWeights.put(role, json.getDouble(role)));
    return new Stored(storedWeights, RoleQuotas.fromJson(quotas.load()));
  }

  public void saveWeights(Map<String, Double> all) throws Exception {
    weights.save(new JsonObject(Map.copyOf(all)));
  }

  public void saveQuotas(Map<String, RoleQuota> all) throws Exception {
    quotas.save(RoleQuotas.toJson(all));
  }
}
