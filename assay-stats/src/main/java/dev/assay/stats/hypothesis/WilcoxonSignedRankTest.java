package dev.assay.stats.hypothesis;

import dev.assay.stats.Confidence;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Wilcoxon signed-rank test, two-sided, computed as scipy.stats.wilcoxon (scipy 1.17) does with
 * its default arguments: {@code zero_method='wilcox'} (zero differences are dropped before
 * ranking), {@code correction=False}, {@code method='auto'}.
 *
 * <p>With n the number of differences <em>including zeros</em>, m the number of non-zero ones,
 * ranks the average ranks of |d| among the non-zero differences and R⁺ the sum of ranks of the
 * positive differences, {@code method='auto'} chooses:
 * <ol>
 *   <li>n > 50: normal approximation;
 *   <li>n <= 50, no ties among |d| and no zeros: exact null distribution of R⁺ (every subset of
 *       ranks 1..m equally likely), {@code p = min(1, 2 min(P(R⁺ >= r), P(R⁺ <= r)))};
 *   <li>n <= 13 with ties or zeros: exact permutation distribution of R⁺ over the 2^m sign
 *       patterns of the observed (average) ranks, same two-sided rule (scipy's
 *       {@code PermutationMethod}, which enumerates all patterns when 2^n < 9,999);
 *   <li>otherwise (14 <= n <= 50 with ties or zeros): normal approximation.
 * </ol>
 * Normal approximation: {@code z = (R⁺ - m(m+1)/4) / σ},
 * {@code σ² = (m(m+1)(2m+1) - Σ(t³ - t)/2) / 24} over tie groups t of the non-zero |d|, no
 * continuity correction, {@code p = 2Φ(-|z|)}. Statistic reported: {@code min(R⁺, R⁻)}.
 *
 * <p>One deliberate difference: when every difference is zero (m = 0) scipy returns NaN for
 * n > 13 (σ = 0); this returns p = 1 (no evidence of any difference), as scipy does for n <= 13.
 */
public final class WilcoxonSignedRankTest {

  /** Above this many differences (zeros included) the normal approximation is always used. */
  public static final int EXACT_LIMIT = 50;
  /** Up to this many differences, ties or zeros lead to the exact permutation distribution. */
  public static final int PERMUTATION_LIMIT = 13;

  private WilcoxonSignedRankTest() {}

  /** Test of {@code x - y} (scipy's argument order; the two-sided result is symmetric). */
  public static TestResult test(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
    }
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = x[i] - y[i];
    }
    return test(d);
  }

  /** Test of paired differences. */
  public static TestResult test(double[] differences) {
    int n = differences.length;
    if (n == 0) {
      throw new IllegalArgumentException("no paired differences");
    }
    for (double v : differences) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("difference is not finite: " + v);
      }
    }
    double[] nonZero = Arrays.stream(differences).filter(v -> v != 0).toArray();
    int m = nonZero.length;
    if (m == 0) {
      return new TestResult(n > PERMUTATION_LIMIT ? "wilcoxon-normal" : "wilcoxon-permutation",
          0, 1);
    }
    Ranks ranks = Ranks.of(nonZero);
    long rPlusTwice = 0;
    for (int i = 0; i < m; i++) {
      if (nonZero[i] > 0) {
        rPlusTwice += ranks.twice[i];
      }
    }
    double rPlus = rPlusTwice / 2.0;
    double total = m * (m + 1) / 2.0;
    double statistic = Math.min(rPlus, total - rPlus);
    boolean zeros = m < n;
    if (n <= EXACT_LIMIT && !ranks.hasTies && !zeros) {
      return new TestResult("wilcoxon-exact", statistic, exact(m, (int) Math.round(rPlus)));
    }
    if (n <= EXACT_LIMIT && n <= PERMUTATION_LIMIT) {
      return new TestResult("wilcoxon-permutation", statistic,
          permutation(ranks.twice, rPlusTwice));
    }
    double mean = m * (m + 1) / 4.0;
    double variance = (m * (m + 1.0) * (2.0 * m + 1) - ranks.tieSum / 2.0) / 24.0;
    double z = (rPlus - mean) / Math.sqrt(variance);
    double p = 2 * Confidence.normalCdf(-Math.abs(z));
    return new TestResult("wilcoxon-normal", statistic, Math.min(1, p));
  }

  /** Two-sided p from the exact null distribution of R⁺ with ranks 1..m. */
  static double exact(int m, int rPlus) {
    int maxSum = m * (m + 1) / 2;
    // counts[s] = number of subsets of {1..m} with sum s; at most C(50,25) < 2^53, exact in long.
    long[] counts = new long[maxSum + 1];
    counts[0] = 1;
    for (int rank = 1; rank <= m; rank++) {
      for (int s = maxSum; s >= rank; s--) {
        counts[s] += counts[s - rank];
      }
    }
    long atMost = 0;
    for (int s = 0; s <= rPlus; s++) {
      atMost += counts[s];
    }
    long atLeast = 0;
    for (int s = rPlus; s <= maxSum; s++) {
      atLeast += counts[s];
    }
    double p = 2.0 * Math.min(atMost, atLeast) / Math.pow(2, m);
    return Math.min(1, p);
  }

  /** Two-sided p over all sign patterns of the given (doubled, so integral) ranks. */
  static double permutation(long[] twiceRanks, long observedTwice) {
    int m = twiceRanks.length;
    long atMost = 0;
    long atLeast = 0;
    for (int mask = 0; mask < 1 << m; mask++) {
      long sum = 0;
      for (int i = 0; i < m; i++) {
        if ((mask >>> i & 1) == 1) {
          sum += twiceRanks[i];
        }
      }
      if (sum <= observedTwice) {
        atMost++;
      }
      if (sum >= observedTwice) {
        atLeast++;
      }
    }
    return Math.min(1, 2.0 * Math.min(atMost, atLeast) / (1L << m));
  }

  /** Average ranks of |d| (doubled, so always integers) and tie information. */
  private static final class Ranks {
    final long[] twice;
    final boolean hasTies;
    final double tieSum;

    private Ranks(long[] twice, boolean hasTies, double tieSum) {
      this.twice = twice;
      this.hasTies = hasTies;
      this.tieSum = tieSum;
    }

    static Ranks of(double[] d) {
      int m = d.length;
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(d[i])));
      long[] twice = new long[m];
      boolean ties = false;
      double tieSum = 0;
      int start = 0;
      while (start < m) {
        int end = start;
        while (end + 1 < m && Math.abs(d[order[end + 1]]) == Math.abs(d[order[start]])) {
          end++;
        }
        // positions start..end (0-based) share the average rank ((start+1)+(end+1))/2
        long doubledRank = start + end + 2L;
        for (int k = start; k <= end; k++) {
          twice[order[k]] = doubledRank;
        }
        double t = end - start + 1;
        if (t > 1) {
          ties = true;
          tieSum += t * t * t - t;
        }
        start = end + 1;
      }
      return new Ranks(twice, ties, tieSum);
    }
  }
}
