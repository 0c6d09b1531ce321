package dev.assay.monitor.stats;

import java.util.Arrays;

/**
 * The 1-Wasserstein (earth mover's) distance between two empirical distributions on the line,
 * {@code W₁ = ∫ |F₁(t) - F₂(t)| dt}, as {@code scipy.stats.wasserstein_distance(u, v)} with equal
 * weights.
 *
 * <p>The distance carries the unit of the data; {@link #normalised} divides it by the reference's
 * standard deviation so one threshold (default 0.1: a tenth of a standard deviation of mass moved)
 * serves every column whatever its scale.
 */
public final class Wasserstein {
  private Wasserstein() {}

  /** W₁ between the empirical distributions of {@code u} and {@code v} (each non-empty, no NaN). */
  public static double distance(double[] u, double[] v) {
    double[] a = u.clone();
    double[] b = v.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    return distanceSorted(a, b);
  }

  /** As {@link #distance} for samples sorted ascending. */
  public static double distanceSorted(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("Wasserstein distance of an empty sample");
    }
    int m = a.length;
    int n = b.length;
    int i = 0;
    int j = 0;
    double total = 0;
    double previous = Math.min(a[0], b[0]);
    // Between consecutive distinct points both CDFs are constant: add |F₁ - F₂| times the gap.
    while (i < m || j < n) {
      double t = j >= n || (i < m && a[i] <= b[j]) ? a[i] : b[j];
      total += Math.abs((double) i / m - (double) j / n) * (t - previous);
      previous = t;
      while (i < m && a[i] == t) {
        i++;
      }
      while (j < n && b[j] == t) {
        j++;
      }
    }
    return total;
  }

  /**
   * W₁ divided by {@code referenceStd}; 0 when both are 0 (a constant column that stayed put) and
   * infinite when only the spread is 0 (a constant column that moved).
   */
  public static double normalised(double distance, double referenceStd) {
    if (distance == 0) {
      return 0;
    }
    return referenceStd > 0 ? distance / referenceStd : Double.POSITIVE_INFINITY;
  }
}
