package io.drover.allocator;

import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Dominant Resource Fairness, the policy that decides which framework is offered next (Mesos's
 * {@code DRFSorter}), kept apart from the matching of agents to frameworks.
 *
 * <p>A framework's dominant share is the largest fraction of any scalar of the cluster total that
 * it holds: holding {@code cpus:5;mem:6} of {@code cpus:100;mem:100} is a share of 0.06. The
 * framework with the lowest share comes first; equal shares go by framework id. Range resources
 * (ports) do not count ({@link DominantShares}). Within a role, all frameworks weigh the same, as
 * in Mesos; weights are the roles' ({@link RoleSorter}). After {@link #allocated} the order is updated at once, in logarithmic time.
 *
 * <p>Not thread-safe: one sorter serves one allocation.
 */
public final class DrfSorter {

  private static final Comparator<Client> BY_SHARE_THEN_ID =
      Comparator.comparingDouble((Client client) -> client.share)
          .thenComparing(client -> client.id);

  private final DominantShares shares;
  private final Map<String, Client> clients = new HashMap<>();
  private final TreeSet<Client> order = new TreeSet<>(BY_SHARE_THEN_ID);

  /**
   * A sorter over the frameworks of {@code allocations}, each starting with what it already holds.
   *
   * @param clusterTotal the resources of the whole cluster, the denominator of every share
   * @param allocations by framework id, what each framework holds
   */
  public DrfSorter(Resources clusterTotal, Map<String, Resources> allocations) {
    shares = new DominantShares(clusterTotal);
    for (Map.Entry<String, Resources> entry : allocations.entrySet()) {
      Client client = new Client(entry.getKey(), shares.thousandths(entry.getValue()));
      client.share = shares.of(client.held);
      clients.put(client.id, client);
      order.add(client);
    }
  }

  /** The framework ids, lowest dominant share first. */
  public List<String> sorted() {
    List<String> ids = new ArrayList<>(order.size());
    for (Client client : order) {
      ids.add(client.id);
    }
    return ids;
  }

  /** The first framework in DRF order that is {@code eligible}, found without copying the order. */
  public Optional<String> first(Predicate<String> eligible) {
    for (Client client : order) {
      if (eligible.test(client.id)) {
        return Optional.of(client.id);
      }
    }
    return Optional.empty();
  }

  /**
   * Records that {@code frameworkId} now also holds {@code resources}, moving it in the order.
   *
   * @throws IllegalArgumentException when the framework is not in this sorter
   */
  public void allocated(String frameworkId, Resources resources) {
    Client client = client(frameworkId);
    order.remove(client);
    DominantShares.add(client.held, shares.thousandths(resources));
    client.share = shares.of(client.held);
    order.add(client);
  }

  /**
   * The dominant share of {@code frameworkId}: from 0, holding nothing, to 1, holding all of some
   * resource.
   *
   * @throws IllegalArgumentException when the framework is not in this sorter
   */
  public double share(String frameworkId) {
    return client(frameworkId).share;
  }

  private Client client(String frameworkId) {
    Client client = clients.get(frameworkId);
    if (client == null) {
      throw new IllegalArgumentException("unknown framework '" + frameworkId + "'");
    }
    return client;
  }

  private static final class Client {

    final String id;
    final long[] held;
    double share;

    Client(String id, long[] held) {
      this.id = id;
      this.held = held;
    }
  }
}
