package dev.assay.stats;

/**
 * The one percentile definition of assay: linear interpolation between closest ranks, Hyndman
 * and Fan's type 7, the default of {@code numpy.percentile}, R's {@code quantile} and Excel's
 * {@code PERCENTILE.INC}.
 *
 * <p>For sorted values {@code x[0..n-1]} and a fraction {@code q} in [0, 1]: {@code h = (n − 1)
 * q}, {@code j = ⌊h⌋}, {@code g = h − j}, and the percentile is {@code x[j] + g (x[j+1] − x[j])}
 * ({@code x[n-1]} when {@code j ≥ n − 1}). The arithmetic is numpy's to the bit: the same index
 * expression and the same two-sided interpolation ({@code b − (b − a)(1 − g)} when {@code g ≥
 * 0.5}), so values equal numpy's exactly, not merely to 1e-12. The result is always between the
 * minimum and the maximum and is monotone in {@code q}.
 */
public final class Percentiles {
  private Percentiles() {}

  /** The {@code q}-quantile ({@code q} in [0, 1]) of ascending {@code sorted}; NaN when empty. */
  public static double linear(double[] sorted, double q) {
    checkFraction(q);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * q;
    if (h >= n - 1) {
      return sorted[n - 1];
    }
    int j = (int) Math.floor(h);
    return lerp(sorted[j], sorted[j + 1], h - j);
  }

  /**
   * The {@code q}-quantile of the multiset where {@code sorted[i]} occurs {@code multiplicity[i]}
   * times (non-negative integers, e.g. bootstrap counts): identical to {@link #linear} on the
   * expanded array, without expanding it. NaN when the total multiplicity is 0.
   */
  public static double linear(double[] sorted, double[] multiplicity, double q) {
    checkFraction(q);
    double total = 0;
    for (double m : multiplicity) {
      if (!(m >= 0) || m != Math.rint(m)) {
        throw new IllegalArgumentException("multiplicities must be non-negative integers, got " + m);
      }
      total += m;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double h = (total - 1) * q;
    if (h >= total - 1) {
      return at(sorted, multiplicity, total - 1);
    }
    double j = Math.floor(h);
    return lerp(at(sorted, multiplicity, j), at(sorted, multiplicity, j + 1), h - j);
  }

  /** Percentile {@code p} in [0, 100], converted to a fraction as numpy does ({@code p / 100}). */
  public static double percentile(double[] sorted, double p) {
    return linear(sorted, p / 100);
  }

  /** Value at 0-based position {@code rank} of the expanded multiset. */
  private static double at(double[] sorted, double[] multiplicity, double rank) {
    double seen = 0;
    for (int i = 0; i < sorted.length; i++) {
      seen += multiplicity[i];
      if (rank < seen) {
        return sorted[i];
      }
    }
    throw new IllegalStateException("rank beyond the multiset: " + rank);
  }

  private static double lerp(double a, double b, double g) {
    double diff = b - a;
    // numpy interpolates from the nearer end, which keeps the result exact at g = 1 and monotone.
    return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
  }

  private static void checkFraction(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile fraction must be in [0, 1], got " + q);
    }
  }
}
