package io.drover.allocator;

import io.drover.resources.Resources;

/**
 * The arithmetic of a dominant share, shared by the role and framework sorters: holdings are kept
 * as whole thousandths of each scalar of the cluster total (as {@link Resources} keeps them, so
 * equal holdings give exactly equal shares), and a share is the largest fraction held of any of
 * them. Range resources (ports) do not count.
 */
final class DominantShares {

  private final String[] names;
  private final long[] totals;

  DominantShares(Resources clusterTotal) {
    names = clusterTotal.scalars().keySet().toArray(new String[0]);
    totals = thousandths(clusterTotal);
  }

  long[] thousandths(Resources resources) {
    long[] values = new long[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = Math.round(resources.scalar(names[i]) * 1000);
    }
    return values;
  }

  /** From 0, holding nothing, to 1, holding all of some resource. */
  double of(long[] held) {
    double share = 0;
    for (int i = 0; i < held.length; i++) {
      share = Math.max(share, (double) held[i] / totals[i]);
    }
    return share;
  }

  static void add(long[] into, long[] added) {
    for (int i = 0; i < added.length; i++) {
      into[i] += added[i];
    }
  }
}
