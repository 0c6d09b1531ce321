package dev.assay.monitor.stats;

import dev.assay.stats.hypothesis.TestResult;
import dev.assay.stats.random.CounterRandom;
import java.util.Arrays;

/**
 * A two-sample test on vectors (text embeddings): the unbiased squared maximum mean discrepancy
 * with a Gaussian kernel (Gretton et al. 2012, "A kernel two-sample test", JMLR 13), its p-value
 * from random permutations of the pooled sample.
 *
 * <p>{@code MMD²ᵤ = 1/(m(m-1)) Σ_{i≠j} k(xᵢ,xⱼ) + 1/(n(n-1)) Σ_{i≠j} k(yᵢ,yⱼ) - 2/(mn) Σᵢⱼ k(xᵢ,yⱼ)}
 * with {@code k(a,b) = exp(-‖a-b‖² / h)} and {@code h} the median squared distance between
 * distinct pooled points (the median heuristic), fixed before permuting so every permutation
 * uses the same kernel. p-value {@code (1 + #{b : MMD²_b >= MMD²_obs}) / (B + 1)}, which is a
 * valid p-value for any B (never 0). Permutations are Fisher-Yates shuffles driven by {@link
 * CounterRandom}, so the p-value is a function of the data and the seed.
 */
public final class MaximumMeanDiscrepancy {
  private final int permutations;
  private final long seed;

  /**
   * @param permutations B, at least 1 (default in the drift check: 1,000)
   * @param seed seed of the permutations
   */
  public MaximumMeanDiscrepancy(int permutations, long seed) {
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1");
    }
    this.permutations = permutations;
    this.seed = seed;
  }

  /** Tests whether the rows of {@code x} and {@code y} (each at least 2, equal dimension) share a distribution. */
  public TestResult test(double[][] x, double[][] y) {
    int m = x.length;
    int n = y.length;
    if (m < 2 || n < 2) {
      throw new IllegalArgumentException("MMD needs at least two vectors per sample");
    }
    int total = m + n;
    double[][] pooled = new double[total][];
    System.arraycopy(x, 0, pooled, 0, m);
    System.arraycopy(y, 0, pooled, m, n);
    double[][] d2 = squaredDistances(pooled);
    double h = medianOffDiagonal(d2);
    if (!(h > 0)) {
      h = 1; // every point equal: any bandwidth gives MMD 0
    }
    double[][] k = new double[total][total];
    for (int i = 0; i < total; i++) {
      for (int j = 0; j < total; j++) {
        k[i][j] = Math.exp(-d2[i][j] / h);
      }
    }
    int[] labels = new int[total];
    for (int i = 0; i < total; i++) {
      labels[i] = i;
    }
    double observed = statistic(k, labels, m);
    int atLeast = 0;
    long hashBase = CounterRandom.mix64(total);
    for (int b = 0; b < permutations; b++) {
      long key = CounterRandom.replicateKey(seed, CounterRandom.STREAM_PERMUTATION, b, 0);
      int[] perm = labels.clone();
      for (int i = total - 1; i > 0; i--) {
        long bits = CounterRandom.draw(key, hashBase + i);
        int j = (int) (CounterRandom.uniform(bits) * (i + 1));
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      if (statistic(k, perm, m) >= observed) {
        atLeast++;
      }
    }
    double p = (1.0 + atLeast) / (permutations + 1.0);
    return new TestResult("mmd-permutation", observed, p);
  }

  /** MMD²ᵤ with the first {@code m} entries of {@code order} as sample x, the rest as y. */
  static double statistic(double[][] k, int[] order, int m) {
    int total = order.length;
    int n = total - m;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int a = 0; a < total; a++) {
      double[] row = k[order[a]];
      boolean ax = a < m;
      for (int b = a + 1; b < total; b++) {
        double v = row[order[b]];
        boolean bx = b < m;
        if (ax && bx) {
          xx += v;
        } else if (!ax && !bx) {
          yy += v;
        } else {
          xy += v;
        }
      }
    }
    return 2 * xx / ((double) m * (m - 1)) + 2 * yy / ((double) n * (n - 1)) - 2 * xy / ((double) m * n);
  }

  static double[][] squaredDistances(double[][] p) {
    int t = p.length;
    double[][] d = new double[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        double s = 0;
        double[] a = p[i];
        double[] b = p[j];
        if (a.length != b.length) {
          throw new IllegalArgumentException("vectors of different dimensions: " + a.length + " and " + b.length);
        }
        for (int c = 0; c < a.length; c++) {
          double e = a[c] - b[c];
          s += e * e;
        }
        d[i][j] = s;
        d[j][i] = s;
      }
    }
    return d;
  }

  static double medianOffDiagonal(double[][] d) {
    int t = d.length;
    double[] v = new double[t * (t - 1) / 2];
    int k = 0;
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        v[k++] = d[i][j];
      }
    }
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
