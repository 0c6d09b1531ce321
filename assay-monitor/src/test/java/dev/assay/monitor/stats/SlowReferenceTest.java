package dev.assay.monitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fast computations against slow, obviously-correct ones written here. */
class SlowReferenceTest {

  /** Every split of the pooled sample into groups of m and n, counted: the exact permutation p-value. */
  @Test
  void ksExactEqualsFullEnumerationOfSplits() {
    long seed = 9001;
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    for (int trial = 0; trial < 12; trial++) {
      int m = 3 + r.nextInt(5);
      int n = 3 + r.nextInt(6);
      double[] pooled = new double[m + n];
      for (int i = 0; i < pooled.length; i++) {
        // A coarse grid in half the trials, so ties are covered.
        pooled[i] = trial % 2 == 0 ? r.nextGaussian() : r.nextInt(4);
      }
      double[] x = java.util.Arrays.copyOfRange(pooled, 0, m);
      double[] y = java.util.Arrays.copyOfRange(pooled, m, m + n);
      double d = KolmogorovSmirnov.test(x, y).statistic();
      int atLeast = 0;
      int total = 0;
      for (int mask = 0; mask < 1 << (m + n); mask++) {
        if (Integer.bitCount(mask) != m) {
          continue;
        }
        double[] a = new double[m];
        double[] b = new double[n];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < m + n; i++) {
          if ((mask >> i & 1) == 1) {
            a[ia++] = pooled[i];
          } else {
            b[ib++] = pooled[i];
          }
        }
        total++;
        if (KolmogorovSmirnov.test(a, b).statistic() >= d - 1e-12) {
          atLeast++;
        }
      }
      double p = KolmogorovSmirnov.test(x, y).pValue();
      if (trial % 2 == 0) {
        // Without ties the lattice-path probability is the enumeration's.
        assertThat(p).as("m=%d n=%d", m, n).isCloseTo((double) atLeast / total, within(1e-12));
      } else {
        // With ties the lattice p-value (scipy's) is conservative relative to the permutation one.
        assertThat(p).as("m=%d n=%d ties", m, n).isGreaterThanOrEqualTo((double) atLeast / total - 1e-12);
      }
    }
  }

  @Test
  void wassersteinEqualsTheQuantileIntegralForEqualSizes() {
    long seed = 77;
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    double[] x = new double[200];
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      x[i] = r.nextGaussian();
      y[i] = 1.5 * r.nextGaussian() + 0.2;
    }
    double[] a = x.clone();
    double[] b = y.clone();
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    double slow = 0;
    for (int i = 0; i < 200; i++) {
      slow += Math.abs(a[i] - b[i]) / 200;
    }
    assertThat(Wasserstein.distance(x, y)).isCloseTo(slow, within(1e-12));
  }

  @Test
  void mmdStatisticEqualsTheDefinition() {
    long seed = 5150;
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    double[][] x = new double[7][3];
    double[][] y = new double[9][3];
    for (double[] v : x) {
      for (int c = 0; c < 3; c++) {
        v[c] = r.nextGaussian();
      }
    }
    for (double[] v : y) {
      for (int c = 0; c < 3; c++) {
        v[c] = r.nextGaussian() + 0.4;
      }
    }
    List<double[]> pooled = new ArrayList<>(List.of(x));
    pooled.addAll(List.of(y));
    List<Double> d2 = new ArrayList<>();
    for (int i = 0; i < pooled.size(); i++) {
      for (int j = i + 1; j < pooled.size(); j++) {
        d2.add(sq(pooled.get(i), pooled.get(j)));
      }
    }
    d2.sort(null);
    int mid = d2.size() / 2;
    double h = d2.size() % 2 == 1 ? d2.get(mid) : (d2.get(mid - 1) + d2.get(mid)) / 2;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 7; j++) {
        if (i != j) {
          xx += Math.exp(-sq(x[i], x[j]) / h);
        }
      }
    }
    for (int i = 0; i < 9; i++) {
      for (int j = 0; j < 9; j++) {
        if (i != j) {
          yy += Math.exp(-sq(y[i], y[j]) / h);
        }
      }
    }
    for (double[] a : x) {
      for (double[] b : y) {
        xy += Math.exp(-sq(a, b) / h);
      }
    }
    double expected = xx / (7 * 6) + yy / (9 * 8) - 2 * xy / (7 * 9);
    var result = new MaximumMeanDiscrepancy(99, 1).test(x, y);
    assertThat(result.statistic()).isCloseTo(expected, within(1e-12));
    assertThat(result.pValue()).isBetween(1.0 / 100, 1.0);
    // Same seed, same p-value; another seed, another draw of permutations.
    assertThat(new MaximumMeanDiscrepancy(99, 1).test(x, y).pValue()).isEqualTo(result.pValue());
  }

  @Test
  void kendallExactPEqualsEnumerationOfPermutations() {
    double[] x = {1, 2, 3, 4, 5, 6, 7};
    double[] y = {2, 1, 4, 3, 7, 5, 6};
    KendallTau kt = KendallTau.of(x, y, 0.95);
    int n = 7;
    int[] perm = {0, 1, 2, 3, 4, 5, 6};
    int extreme = 0;
    int total = 0;
    do {
      double[] yy = new double[n];
      for (int i = 0; i < n; i++) {
        yy[i] = perm[i];
      }
      total++;
      if (Math.abs(KendallTau.of(x, yy, 0.95).tau()) >= Math.abs(kt.tau()) - 1e-12) {
        extreme++;
      }
    } while (nextPermutation(perm));
    assertThat(kt.pValue()).isCloseTo((double) extreme / total, within(1e-12));
  }

  @Test
  void cupedEqualsWelchOnPerUnitAdjustedValues() {
    long seed = 2718;
    System.out.println("seed " + seed);
    Random r = new Random(seed);
    int nt = 300;
    int nc = 250;
    double[][] t = new double[nt][2];
    double[][] c = new double[nc][2];
    for (double[] u : t) {
      u[1] = r.nextGaussian() * 2 + 5;
      u[0] = 0.8 * u[1] + r.nextGaussian() + 0.3;
    }
    for (double[] u : c) {
      u[1] = r.nextGaussian() * 2 + 5;
      u[0] = 0.8 * u[1] + r.nextGaussian();
    }
    Moments mt = new Moments();
    Moments mc = new Moments();
    for (double[] u : t) {
      mt.add(u[0], u[1]);
    }
    for (double[] u : c) {
      mc.add(u[0], u[1]);
    }
    Cuped cuped = Cuped.of(mt, mc, 0.95);
    // Slow: θ from pooled arrays, adjust every unit, Welch on the adjusted arrays.
    double mx = 0;
    double my = 0;
    for (double[] u : t) {
      mx += u[1];
      my += u[0];
    }
    for (double[] u : c) {
      mx += u[1];
      my += u[0];
    }
    mx /= nt + nc;
    my /= nt + nc;
    double sxy = 0;
    double sxx = 0;
    for (double[][] g : new double[][][] {t, c}) {
      for (double[] u : g) {
        sxy += (u[1] - mx) * (u[0] - my);
        sxx += (u[1] - mx) * (u[1] - mx);
      }
    }
    double theta = sxy / sxx;
    assertThat(cuped.theta()).isCloseTo(theta, within(1e-12));
    Moments at = new Moments();
    Moments ac = new Moments();
    for (double[] u : t) {
      at.add(u[0] - theta * (u[1] - mx));
    }
    for (double[] u : c) {
      ac.add(u[0] - theta * (u[1] - mx));
    }
    Estimate slow = MeanDifference.welch(at, ac, 0.95);
    assertThat(cuped.adjusted().estimate()).isCloseTo(slow.estimate(), within(1e-9));
    assertThat(cuped.adjusted().standardError()).isCloseTo(slow.standardError(), within(1e-9));
    assertThat(cuped.adjusted().pValue()).isCloseTo(slow.pValue(), within(1e-9));
    // x explains ρ² = 0.64·4 / (0.64·4 + 1) ≈ 0.72 of the variance.
    assertThat(cuped.varianceReduction()).isBetween(0.6, 0.8);
  }

  @Test
  void momentsMergeEqualsOnePass() {
    Random r = new Random(3);
    Moments all = new Moments();
    Moments a = new Moments();
    Moments b = new Moments();
    for (int i = 0; i < 1000; i++) {
      double x = r.nextGaussian() * 3 + 100;
      double y = x * 0.5 + r.nextGaussian();
      all.add(x, y);
      (i % 3 == 0 ? a : b).add(x, y);
    }
    a.merge(b);
    assertThat(a.n()).isEqualTo(all.n());
    assertThat(a.meanX()).isCloseTo(all.meanX(), within(1e-9));
    assertThat(a.varX()).isCloseTo(all.varX(), within(1e-9));
    assertThat(a.varY()).isCloseTo(all.varY(), within(1e-9));
    assertThat(a.covXY()).isCloseTo(all.covXY(), within(1e-9));
  }

  private static double sq(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }

  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }
}
