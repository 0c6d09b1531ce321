package dev.assay.monitor.stats;

import dev.assay.stats.hypothesis.TestResult;
import java.util.Arrays;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov-Smirnov test, two-sided, as {@code scipy.stats.ks_2samp} with its
 * default {@code method='auto'}.
 *
 * <p>The statistic is {@code D = sup |F₁(t) - F₂(t)|} over the two empirical CDFs. The p-value is
 * exact ({@code "ks-exact"}) when both samples have at most {@link #EXACT_MAX_N} values: the
 * probability, under the permutation null, that a uniformly random lattice path from (0, 0) to
 * (m, n) leaves the band {@code |i/m - j/n| < D} (Hodges 1957). Beyond that the p-value is
 * {@code P(D_N >= D)} for the one-sample Kolmogorov distribution at {@code N = round(mn/(m+n))}
 * ({@code "ks-asymptotic"}), which is scipy's {@code kstwo.sf(D, round(en))}; the one-sample
 * distribution is Hipparchus's (Durbin's matrix up to N = 140, Pelz-Good beyond).
 *
 * <p>Ties are handled as scipy does: both CDFs are evaluated after all values equal to t. The
 * statistic is computed in integers ({@code D·m·n = max |i·n - j·m|}), so the band test of the
 * exact p-value has no rounding.
 */
public final class KolmogorovSmirnov {
  /** Largest sample size for the exact p-value (scipy's {@code MAX_AUTO_N}). */
  public static final int EXACT_MAX_N = 10_000;

  private KolmogorovSmirnov() {}

  /**
   * Tests whether {@code x} and {@code y} come from one continuous distribution.
   *
   * @param x first sample, no NaN, at least one value (not modified)
   * @param y second sample, no NaN, at least one value (not modified)
   */
  public static TestResult test(double[] x, double[] y) {
    double[] a = sorted(x, "x");
    double[] b = sorted(y, "y");
    return testSorted(a, b);
  }

  /** As {@link #test} for samples already sorted ascending (not checked beyond NaN). */
  public static TestResult testSorted(double[] a, double[] b) {
    int m = a.length;
    int n = b.length;
    long h = scaledStatistic(a, b);
    double d = (double) h / ((double) m * n);
    if (Math.max(m, n) <= EXACT_MAX_N) {
      return new TestResult("ks-exact", d, clamp(exactSurvival(m, n, h)));
    }
    return new TestResult("ks-asymptotic", d, clamp(asymptoticSurvival(m, n, d)));
  }

  /** {@code D·m·n}: the largest {@code |i·n - j·m|} after each distinct value. */
  static long scaledStatistic(double[] a, double[] b) {
    int m = a.length;
    int n = b.length;
    int i = 0;
    int j = 0;
    long best = 0;
    while (i < m || j < n) {
      double t;
      if (j >= n || (i < m && a[i] <= b[j])) {
        t = a[i];
      } else {
        t = b[j];
      }
      while (i < m && a[i] == t) {
        i++;
      }
      while (j < n && b[j] == t) {
        j++;
      }
      best = Math.max(best, Math.abs((long) i * n - (long) j * m));
    }
    return best;
  }

  /**
   * {@code P(D·m·n >= h)} under the null: 1 minus the probability that a uniformly random path
   * stays strictly inside the band. {@code u(i, j)} is the fraction of paths from the origin to
   * (i, j) that stayed inside; a path into (i, j) comes from (i-1, j) with probability i/(i+j), so
   * every value stays in [0, 1] and nothing overflows.
   */
  static double exactSurvival(int m, int n, long h) {
    if (h <= 0) {
      return 1;
    }
    double[] u = new double[n + 1];
    // Row i = 0: inside while j·m < h.
    int prevLo = 0;
    int prevHi = -1;
    for (int j = 0; j <= n && (long) j * m < h; j++) {
      u[j] = 1;
      prevHi = j;
    }
    for (int i = 1; i <= m; i++) {
      long in = (long) i * n;
      // Inside the band: in - h < j·m < in + h. Only those cells are visited (O(m · band) work).
      int lo = (int) Math.max(0, Math.floorDiv(in - h, (long) m) + 1);
      int hi = (int) Math.min(n, Math.floorDiv(in + h - 1, (long) m));
      for (int j = prevLo; j < Math.min(lo, prevHi + 1); j++) {
        u[j] = 0; // left the band: the previous row's values there must not leak into this row
      }
      for (int j = lo; j <= hi; j++) {
        double fromAbove = u[j] * i / (i + j);
        double fromLeft = j == 0 ? 0 : u[j - 1] * j / (i + j);
        u[j] = fromAbove + fromLeft;
      }
      if (lo > hi) {
        return 1;
      }
      prevLo = lo;
      prevHi = hi;
    }
    return 1 - u[n];
  }

  static double asymptoticSurvival(int m, int n, double d) {
    double big = Math.max(m, n);
    double small = Math.min(m, n);
    long en = Math.round(big * small / (big + small));
    if (d >= 1) {
      return 0;
    }
    if (en > Integer.MAX_VALUE) {
      en = Integer.MAX_VALUE;
    }
    return 1 - new KolmogorovSmirnovTest().cdf(d, (int) en);
  }

  private static double[] sorted(double[] v, String name) {
    if (v.length == 0) {
      throw new IllegalArgumentException("sample " + name + " is empty");
    }
    double[] s = v.clone();
    Arrays.sort(s);
    if (Double.isNaN(s[s.length - 1])) {
      throw new IllegalArgumentException("sample " + name + " holds NaN");
    }
    return s;
  }

  private static double clamp(double p) {
    return Math.min(1, Math.max(0, p));
  }
}
