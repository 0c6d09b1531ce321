package dev.assay.monitor.stats;

import dev.assay.stats.hypothesis.TestResult;
import org.hipparchus.special.Gamma;

/**
 * Pearson chi-square tests on counts.
 *
 * <p>{@link #goodnessOfFit} is {@code scipy.stats.chisquare(f_obs, f_exp)}: observed counts
 * against expected proportions scaled to the observed total, k - 1 degrees of freedom (used for
 * the sample-ratio-mismatch check against a planned split). {@link #homogeneity} is {@code
 * scipy.stats.chi2_contingency} on the 2 × k table of two samples' counts, without Yates'
 * correction (scipy applies it only at one degree of freedom; so does this). Categories empty in
 * both samples are dropped first, as they carry no information and would divide by zero.
 */
public final class ChiSquare {
  private ChiSquare() {}

  /**
   * Goodness of fit of {@code observed} to {@code expectedShares} (any positive weights; scaled to
   * the observed total).
   */
  public static TestResult goodnessOfFit(long[] observed, double[] expectedShares) {
    if (observed.length != expectedShares.length || observed.length < 2) {
      throw new IllegalArgumentException("chi-square needs at least two categories on both sides");
    }
    double total = 0;
    double weights = 0;
    for (int i = 0; i < observed.length; i++) {
      if (observed[i] < 0 || !(expectedShares[i] > 0)) {
        throw new IllegalArgumentException("counts must be >= 0 and expected shares > 0");
      }
      total += observed[i];
      weights += expectedShares[i];
    }
    double stat = 0;
    for (int i = 0; i < observed.length; i++) {
      double e = total * expectedShares[i] / weights;
      double d = observed[i] - e;
      stat += d * d / e;
    }
    return result("chi-square-gof", stat, observed.length - 1);
  }

  /** Homogeneity of two samples' counts over the same categories (chi-square of the 2 × k table). */
  public static TestResult homogeneity(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("both samples need the same categories");
    }
    double na = 0;
    double nb = 0;
    int k = 0;
    for (int i = 0; i < a.length; i++) {
      na += a[i];
      nb += b[i];
      if (a[i] + b[i] > 0) {
        k++;
      }
    }
    if (na == 0 || nb == 0) {
      throw new IllegalArgumentException("chi-square of an empty sample");
    }
    if (k < 2) {
      return new TestResult("chi-square-homogeneity", 0, 1);
    }
    double n = na + nb;
    boolean yates = k == 2;
    double stat = 0;
    for (int i = 0; i < a.length; i++) {
      double col = a[i] + b[i];
      if (col == 0) {
        continue;
      }
      stat += term(a[i], na * col / n, yates) + term(b[i], nb * col / n, yates);
    }
    return result("chi-square-homogeneity", stat, k - 1);
  }

  private static double term(double observed, double expected, boolean yates) {
    double d = Math.abs(observed - expected);
    if (yates) {
      // scipy's correction moves each count half a unit towards its expectation, never past it.
      d = Math.max(0, d - 0.5);
    }
    return d * d / expected;
  }

  private static TestResult result(String method, double stat, int df) {
    double p = stat <= 0 ? 1 : Gamma.regularizedGammaQ(df / 2.0, stat / 2);
    return new TestResult(method, stat, Math.min(1, Math.max(0, p)));
  }
}
