package dev.assay.monitor.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations: rejection rates under the null (type-I error) and interval coverage. Each
 * test prints its seed; tolerance three binomial standard errors of the simulated rate.
 */
class SimulationTest {
  private static final double ALPHA = 0.05;

  private static double se(double p, int reps) {
    return Math.sqrt(p * (1 - p) / reps);
  }

  private static void atMostLevel(String what, int rejections, int reps, long seed) {
    double rate = (double) rejections / reps;
    System.out.printf("%s: rejection rate %.4f over %d datasets (seed %d)%n", what, rate, reps, seed);
    assertThat(rate).as(what + " seed " + seed).isLessThanOrEqualTo(ALPHA + 3 * se(ALPHA, reps));
  }

  private static void nearLevel(String what, int rejections, int reps, long seed) {
    atMostLevel(what, rejections, reps, seed);
    assertThat((double) rejections / reps).as(what + " seed " + seed).isGreaterThanOrEqualTo(ALPHA - 3 * se(ALPHA, reps));
  }

  private static void coverage(String what, int covered, int reps, double level, long seed) {
    double rate = (double) covered / reps;
    System.out.printf("%s: coverage %.4f over %d datasets (seed %d)%n", what, rate, reps, seed);
    assertThat(rate).as(what + " seed " + seed).isBetween(level - 3 * se(level, reps), level + 3 * se(level, reps));
  }

  @Test
  void ksHoldsItsLevelExactAndAsymptotic() {
    long seed = 101;
    Random r = new Random(seed);
    int reps = 2000;
    int reject = 0;
    for (int k = 0; k < reps; k++) {
      double[] x = gaussians(r, 80);
      double[] y = gaussians(r, 120);
      if (KolmogorovSmirnov.test(x, y).pValue() <= ALPHA) {
        reject++;
      }
    }
    atMostLevel("ks exact n=80/120", reject, reps, seed);
    assertThat((double) reject / reps).isGreaterThan(0.03); // not degenerate
    reject = 0;
    int bigReps = 2000;
    for (int k = 0; k < bigReps; k++) {
      if (KolmogorovSmirnov.test(gaussians(r, 10_500), gaussians(r, 12_000)).pValue() <= ALPHA) {
        reject++;
      }
    }
    atMostLevel("ks asymptotic n=10500/12000", reject, bigReps, seed);
  }

  @Test
  void chiSquareHomogeneityAndSrmHoldTheirLevel() {
    long seed = 202;
    Random r = new Random(seed);
    int reps = 2000;
    double[] shares = {0.5, 0.3, 0.15, 0.05};
    int reject = 0;
    int srm = 0;
    for (int k = 0; k < reps; k++) {
      long[] a = multinomial(r, 400, shares);
      long[] b = multinomial(r, 600, shares);
      if (ChiSquare.homogeneity(a, b).pValue() <= ALPHA) {
        reject++;
      }
      long[] split = multinomial(r, 5000, new double[] {0.5, 0.5});
      if (ChiSquare.goodnessOfFit(split, new double[] {1, 1}).pValue() <= ALPHA) {
        srm++;
      }
    }
    nearLevel("chi-square homogeneity", reject, reps, seed);
    nearLevel("SRM chi-square", srm, reps, seed);
  }

  @Test
  void mmdPermutationHoldsItsLevelAndDetectsAShift() {
    long seed = 303;
    Random r = new Random(seed);
    int reps = 300;
    int reject = 0;
    for (int k = 0; k < reps; k++) {
      double[][] x = vectors(r, 25, 4, 0);
      double[][] y = vectors(r, 25, 4, 0);
      if (new MaximumMeanDiscrepancy(99, k).test(x, y).pValue() <= ALPHA) {
        reject++;
      }
    }
    atMostLevel("mmd permutation", reject, reps, seed);
    int power = 0;
    for (int k = 0; k < 50; k++) {
      if (new MaximumMeanDiscrepancy(99, k).test(vectors(r, 25, 4, 0), vectors(r, 25, 4, 1)).pValue() <= ALPHA) {
        power++;
      }
    }
    System.out.printf("mmd power at a shift of 1 sd: %.2f%n", power / 50.0);
    assertThat(power).isGreaterThan(40);
  }

  @Test
  void welchAndRelativeLiftCoverTheTruth() {
    long seed = 404;
    Random r = new Random(seed);
    int reps = 2000;
    int welch = 0;
    int lift = 0;
    for (int k = 0; k < reps; k++) {
      Moments t = new Moments();
      Moments c = new Moments();
      for (int i = 0; i < 40; i++) {
        t.add(10.5 + 3 * r.nextGaussian());
      }
      for (int i = 0; i < 90; i++) {
        c.add(10 + r.nextGaussian());
      }
      if (MeanDifference.welch(t, c, 0.95).interval().contains(0.5)) {
        welch++;
      }
      if (MeanDifference.relativeLift(t, c, 0.95).interval().contains(0.05)) {
        lift++;
      }
    }
    coverage("welch", welch, reps, 0.95, seed);
    coverage("relative lift (delta method)", lift, reps, 0.95, seed);
  }

  @Test
  void ratioMetricDeltaMethodCoversTheTruth() {
    long seed = 505;
    Random r = new Random(seed);
    int reps = 1500;
    int covered = 0;
    for (int k = 0; k < reps; k++) {
      Moments t = units(r, 800, 0.12);
      Moments c = units(r, 800, 0.10);
      if (RatioMetric.difference(t, c, 0.95).interval().contains(0.02)) {
        covered++;
      }
    }
    coverage("ratio metric difference (delta method)", covered, reps, 0.95, seed);
  }

  @Test
  void cupedCoversTheTruthAndReducesVariance() {
    long seed = 606;
    Random r = new Random(seed);
    int reps = 2000;
    int covered = 0;
    double reduction = 0;
    for (int k = 0; k < reps; k++) {
      Moments t = new Moments();
      Moments c = new Moments();
      for (int i = 0; i < 200; i++) {
        double pre = r.nextGaussian();
        t.add(0.7 * pre + 0.7 * r.nextGaussian() + 0.2, pre);
        double pre2 = r.nextGaussian();
        c.add(0.7 * pre2 + 0.7 * r.nextGaussian(), pre2);
      }
      Cuped cuped = Cuped.of(t, c, 0.95);
      if (cuped.adjusted().interval().contains(0.2)) {
        covered++;
      }
      reduction += cuped.varianceReduction();
    }
    coverage("cuped", covered, reps, 0.95, seed);
    System.out.printf("cuped mean variance reduction %.3f (rho^2 = 0.5)%n", reduction / reps);
    assertThat(reduction / reps).isBetween(0.45, 0.55);
  }

  /**
   * The reason for always-valid inference: 30 daily looks at an A/A test. The naive fixed-horizon
   * t-test, stopped at the first look with p <= α, rejects far more often than α; the mSPRT does
   * not, and its confidence sequence covers 0 at every look.
   */
  @Test
  void dailyPeekingInflatesTheNaiveTestButNotTheMixtureSprt() {
    long seed = 707;
    Random r = new Random(seed);
    int reps = 1000;
    int days = 30;
    int perDay = 200;
    int naive = 0;
    int sequential = 0;
    int sequenceMissed = 0;
    for (int k = 0; k < reps; k++) {
      Moments t = new Moments();
      Moments c = new Moments();
      MixtureSprt msprt = new MixtureSprt(0.1, ALPHA);
      boolean naiveRejected = false;
      boolean missed = false;
      for (int d = 0; d < days; d++) {
        for (int i = 0; i < perDay; i++) {
          t.add(r.nextGaussian());
          c.add(r.nextGaussian());
        }
        Estimate e = MeanDifference.welch(t, c, 0.95);
        naiveRejected |= e.pValue() <= ALPHA;
        msprt.look(e.estimate(), e.standardError() * e.standardError());
        missed |= !(msprt.lower() <= 0 && 0 <= msprt.upper());
      }
      if (naiveRejected) {
        naive++;
      }
      if (msprt.pValue() <= ALPHA) {
        sequential++;
      }
      if (missed) {
        sequenceMissed++;
      }
    }
    System.out.printf("30 daily looks, A/A: naive t-test false-positive rate %.3f, mSPRT %.3f, "
        + "confidence sequence ever misses 0: %.3f (seed %d)%n", (double) naive / reps, (double) sequential / reps,
        (double) sequenceMissed / reps, seed);
    atMostLevel("mSPRT with daily peeking", sequential, reps, seed);
    atMostLevel("confidence sequence, any look", sequenceMissed, reps, seed);
    assertThat((double) naive / reps).as("naive peeking inflates").isGreaterThan(2 * ALPHA);
    // And it has power: a true effect of 0.1 sd is found within 30 days most of the time.
    int found = 0;
    for (int k = 0; k < 200; k++) {
      Moments t = new Moments();
      Moments c = new Moments();
      MixtureSprt msprt = new MixtureSprt(0.1, ALPHA);
      for (int d = 0; d < days; d++) {
        for (int i = 0; i < perDay; i++) {
          t.add(r.nextGaussian() + 0.1);
          c.add(r.nextGaussian());
        }
        Estimate e = MeanDifference.welch(t, c, 0.95);
        msprt.look(e.estimate(), e.standardError() * e.standardError());
      }
      if (msprt.pValue() <= ALPHA) {
        found++;
      }
    }
    System.out.printf("mSPRT power at 0.1 sd after 30 days of 200 units/arm/day: %.2f%n", found / 200.0);
    assertThat(found).isGreaterThan(150);
  }

  @Test
  void kendallIntervalCoversTheTrueTau() {
    long seed = 808;
    Random r = new Random(seed);
    int reps = 2000;
    double rho = 0.5;
    double trueTau = 2 / Math.PI * Math.asin(rho);
    int covered = 0;
    for (int k = 0; k < reps; k++) {
      double[] x = new double[30];
      double[] y = new double[30];
      for (int i = 0; i < 30; i++) {
        x[i] = r.nextGaussian();
        y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * r.nextGaussian();
      }
      if (KendallTau.of(x, y, 0.95).interval().contains(trueTau)) {
        covered++;
      }
    }
    // Fieller's interval is approximate; it is known to run slightly conservative at n = 30.
    double rate = (double) covered / reps;
    System.out.printf("kendall interval coverage %.4f (seed %d)%n", rate, seed);
    assertThat(rate).isBetween(0.93, 0.985);
  }

  private static double[] gaussians(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  private static double[][] vectors(Random r, int n, int dim, double shift) {
    double[][] v = new double[n][dim];
    for (double[] row : v) {
      for (int c = 0; c < dim; c++) {
        row[c] = r.nextGaussian() + shift;
      }
    }
    return v;
  }

  static long[] multinomial(Random r, int n, double[] shares) {
    long[] out = new long[shares.length];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int k = 0;
      while (k < shares.length - 1 && u >= shares[k]) {
        u -= shares[k];
        k++;
      }
      out[k]++;
    }
    return out;
  }

  /** Units with 1 + Poisson(2) sessions, each clicked with probability p: moments of (clicks, sessions). */
  private static Moments units(Random r, int n, double p) {
    Moments m = new Moments();
    for (int i = 0; i < n; i++) {
      int sessions = 1 + poisson(r, 2);
      int clicks = 0;
      for (int s = 0; s < sessions; s++) {
        if (r.nextDouble() < p) {
          clicks++;
        }
      }
      m.add(clicks, sessions);
    }
    return m;
  }

  private static int poisson(Random r, double lambda) {
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
