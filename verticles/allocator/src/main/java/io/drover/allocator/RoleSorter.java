package io.drover.allocator;

import io.drover.resources.Resources;
import io.drover.resources.Roles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hierarchical DRF across roles, as Mesos's role sorter: which role is offered next.
 *
 * <p>Roles form a tree by their paths: {@code eng/web} is a child of {@code eng}, {@code eng} and
 * {@code *} are children of the root. Siblings are ordered by their <em>weighted share</em>: the
 * dominant share of everything their subtree holds, divided by their weight (1 unless set); the
 * lowest comes first, ties by name. The order of roles is the tree walked depth first in that order.
 * A role that holds resources itself and also has child roles competes with its children through a
 * virtual child of its own weight holding what the role itself holds (Mesos's {@code .} leaf).
 *
 * <p>So two sibling roles of weights 1 and 3 are kept at dominant shares of 1:3, and a parent's
 * weight divides what its whole subtree holds against the parent's siblings before its children
 * divide that among themselves.
 *
 * <p>Not thread-safe: one sorter serves one allocation.
 */
public final class RoleSorter {

  private static final Comparator<Entry> BY_SHARE_THEN_NAME =
      Comparator.comparingDouble(Entry::share).thenComparing(Entry::name);

  private final DominantShares shares;
  private final Map<String, Double> weights;
  private final Node root = new Node("", "");
  /** Every node by path: roles, and paths that only have roles below them. */
  private final Map<String, Node> nodes = new HashMap<>();
  private List<String> order;

  /**
   * @param allocations by role, what each holds, roles without frameworks included: what they
   *     hold counts in their parents' shares
   * @param weights by role; a role not listed weighs {@link Roles#DEFAULT_WEIGHT}
   */
  public RoleSorter(
      Resources clusterTotal, Map<String, Resources> allocations, Map<String, Double> weights) {
    this.shares = new DominantShares(clusterTotal);
    this.weights = Map.copyOf(weights);
    allocations.forEach(this::allocated);
  }

  /** Makes {@code role} known, holding nothing yet if it was not. */
  public void add(String role) {
    node(role);
  }

  /** Every role known, in hierarchical DRF order. */
  public List<String> sorted() {
    if (order == null) {
      order = new ArrayList<>(nodes.size());
      walk(root, order);
    }
    return order;
  }

  /** Records that {@code role} now also holds {@code resources}, moving it in the order. */
  public void allocated(String role, Resources resources) {
    long[] added = shares.thousandths(resources);
    Node node = node(role);
    DominantShares.add(node.own, added);
    for (Node n = node; n != root; n = n.parent) {
      DominantShares.add(n.subtree, added);
    }
    // one role has one order: most clusters, which would otherwise walk the tree again per grant
    if (nodes.size() > 1) {
      order = null;
    }
  }

  /**
   * The weighted share of {@code role} (or of a path above roles) among its siblings: its
   * subtree's dominant share over its weight.
   */
  public double weightedShare(String role) {
    Node node = nodes.get(role);
    return node == null ? 0 : shares.of(node.subtree) / weight(role);
  }

  private Node node(String role) {
    Node node = nodes.get(role);
    if (node != null && node.role) {
      return node;
    }
    Node parent = root;
    for (String ancestor : Roles.ancestors(role)) {
      parent = parent.child(ancestor, shares);
      nodes.putIfAbsent(ancestor, parent);
    }
    node = parent.child(role, shares);
    node.role = true;
    nodes.put(role, node);
    order = null;
    return node;
  }

  private double weight(String role) {
    return weights.getOrDefault(role, Roles.DEFAULT_WEIGHT);
  }

  private void walk(Node node, List<String> into) {
    List<Entry> entries = new ArrayList<>(node.children.size() + 1);
    for (Node child : node.children.values()) {
      entries.add(new Entry(child.name, shares.of(child.subtree) / weight(child.path), child, false));
    }
    if (node.role && !node.children.isEmpty()) {
      entries.add(new Entry(".", shares.of(node.own) / weight(node.path), node, true));
    }
    entries.sort(BY_SHARE_THEN_NAME);
    for (Entry entry : entries) {
      if (entry.itself() || entry.node().children.isEmpty()) {
        into.add(entry.node().path);
      } else {
        walk(entry.node(), into);
      }
    }
  }

  private record Entry(String name, double share, Node node, boolean itself) {}

  private static final class Node {

    final String path;
    final String name;
    Node parent;
    final Map<String, Node> children = new TreeMap<>();
    long[] own;
    long[] subtree;
    /** Whether a role of this path exists, rather than only roles below it. */
    boolean role;

    Node(String path, String name) {
      this.path = path;
      this.name = name;
    }

    Node child(String childPath, DominantShares shares) {
      return children.computeIfAbsent(childPath.substring(childPath.lastIndexOf('/') + 1), name -> {
        Node child = new Node(childPath, name);
        child.parent = this;
        child.own = shares.thousandths(Resources.EMPTY);
        child.subtree = shares.thousandths(Resources.EMPTY);
        return child;
      });
    }
  }
}
