package dev.assay.stats.power;

import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;

/** Monotone searches shared by the power calculations. */
final class Search {

  private Search() {}

  /**
   * Smallest x in (lo, hi] (to relative precision 1e-12) for which {@code reached} holds, given it
   * is false at lo, true at hi and monotone in between.
   */
  static double smallestReal(double lo, double hi, DoublePredicate reached) {
    for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
      double mid = 0.5 * (lo + hi);
      if (reached.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Smallest n >= from with {@code reached(n)}, assuming monotone; MAX_VALUE if none. */
  static int smallestInteger(int from, IntPredicate reached) {
    if (reached.test(from)) {
      return from;
    }
    long lo = from;
    long hi = Math.max(2L * from, from + 1L);
    while (!reached.test((int) hi)) {
      lo = hi;
      hi *= 2;
      if (hi > Integer.MAX_VALUE) {
        return Integer.MAX_VALUE;
      }
    }
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if (reached.test((int) mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return (int) hi;
  }
}
