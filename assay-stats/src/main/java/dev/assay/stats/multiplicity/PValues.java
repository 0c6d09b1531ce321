package dev.assay.stats.multiplicity;

import java.util.Arrays;
import java.util.Comparator;

/** Checks and ordering shared by the adjustments. */
final class PValues {

  private PValues() {}

  static void check(double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException("no p-values to adjust");
    }
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], got " + p[i]);
      }
    }
  }

  /** Indices sorted by ascending p-value (stable: equal p-values keep input order). */
  static int[] ascendingOrder(double[] p) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
