package dev.assay.stats.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cohen's κ against hand-computed tables, against a slow reference written from the definition
 * over rating pairs, and its standard error against the delta method computed numerically (the
 * variance of Fleiss, Cohen and Everitt 1969 is the delta-method variance under multinomial
 * sampling, so the two must agree).
 */
class CohenKappaTest {
  @Test
  void twoByTwoByHand() {
    // p_o = 35/50 = 0.7; p_e = (25·30 + 25·20)/50² = 0.5; κ = 0.2/0.5.
    Kappa k = CohenKappa.of(new double[][] {{20, 5}, {10, 15}}, KappaWeights.NONE);
    assertThat(k.estimate()).isCloseTo(0.4, within(1e-15));
    assertThat(k.n()).isEqualTo(50);
  }

  @Test
  void withTwoCategoriesEveryWeightingIsTheSame() {
    double[][] t = {{31, 4}, {7, 9}};
    double plain = CohenKappa.of(t, KappaWeights.NONE).estimate();
    assertThat(CohenKappa.of(t, KappaWeights.LINEAR).estimate()).isCloseTo(plain, within(1e-14));
    assertThat(CohenKappa.of(t, KappaWeights.QUADRATIC).estimate()).isCloseTo(plain, within(1e-14));
  }

  @Test
  void perfectAgreementIsOneAndChanceLevelIsZero() {
    assertThat(CohenKappa.of(new double[][] {{5, 0, 0}, {0, 3, 0}, {0, 0, 2}}, KappaWeights.QUADRATIC).estimate())
        .isEqualTo(1.0);
    // Independent raters with these margins: every cell the product of its margins.
    assertThat(CohenKappa.of(new double[][] {{6, 4}, {9, 6}}, KappaWeights.NONE).estimate())
        .isCloseTo(0.0, within(1e-15));
  }

  @Test
  void undefinedWhenBothRatersUseOneCategory() {
    Kappa k = CohenKappa.of(new double[][] {{7, 0}, {0, 0}}, KappaWeights.NONE);
    assertThat(k.estimate()).isNaN();
    assertThat(k.interval(0.95)).isNull();
  }

  @Test
  void weightedKappaEqualsTheDefinitionOverRatingPairs() {
    long seed = 20240611L;
    System.out.println("CohenKappaTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 50; trial++) {
      int k = 2 + random.nextInt(4);
      double[] values = new double[k];
      double v = 0;
      for (int c = 0; c < k; c++) {
        v += 1 + random.nextInt(3); // gaps between categories: weights use the values
        values[c] = v;
      }
      int n = 20 + random.nextInt(200);
      int[] a = new int[n];
      int[] b = new int[n];
      double[][] table = new double[k][k];
      for (int i = 0; i < n; i++) {
        a[i] = random.nextInt(k);
        b[i] = random.nextDouble() < 0.6 ? a[i] : random.nextInt(k);
        table[a[i]][b[i]]++;
      }
      for (KappaWeights w : KappaWeights.values()) {
        double expected = pairDefinition(a, b, values, w);
        assertThat(CohenKappa.of(table, values, w).estimate()).as("trial %d, %s", trial, w)
            .isCloseTo(expected, within(1e-12));
      }
    }
  }

  /**
   * κ = 1 - mean observed cost / mean cost over every (rating of A, rating of B) pairing of
   * items: the chance disagreement of independent raters with the observed margins.
   */
  private static double pairDefinition(int[] a, int[] b, double[] values, KappaWeights w) {
    int n = a.length;
    double observed = 0;
    for (int i = 0; i < n; i++) {
      observed += w.disagreement(values[a[i]], values[b[i]]);
    }
    double chance = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        chance += w.disagreement(values[a[i]], values[b[j]]);
      }
    }
    return 1 - (observed / n) / (chance / ((double) n * n));
  }

  @Test
  void standardErrorIsTheDeltaMethodVariance() {
    double[][][] tables = {
        {{20, 5}, {10, 15}},
        {{75, 1, 4}, {5, 4, 1}, {0, 0, 10}},
        {{11, 3, 1, 0}, {2, 9, 4, 1}, {0, 3, 12, 2}, {1, 0, 3, 8}},
    };
    for (double[][] t : tables) {
      for (KappaWeights w : KappaWeights.values()) {
        Kappa k = CohenKappa.of(t, w);
        assertThat(k.standardError()).as("%s %s", w, java.util.Arrays.deepToString(t))
            .isCloseTo(deltaMethodSe(t, w), within(1e-7));
      }
    }
  }

  /**
   * sqrt(gᵀ Σ g / n) with g the numerical gradient of κ in the cell proportions and Σ = diag(p) -
   * ppᵀ the multinomial covariance of one observation.
   */
  private static double deltaMethodSe(double[][] counts, KappaWeights w) {
    int k = counts.length;
    double n = 0;
    for (double[] r : counts) {
      for (double c : r) {
        n += c;
      }
    }
    double[][] p = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        p[i][j] = counts[i][j] / n;
      }
    }
    double[][] g = new double[k][k];
    double h = 1e-6;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double[][] up = copy(p);
        double[][] down = copy(p);
        up[i][j] += h;
        down[i][j] -= h;
        g[i][j] = (kappaOfProportions(up, w) - kappaOfProportions(down, w)) / (2 * h);
      }
    }
    double mean = 0;
    double square = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        mean += g[i][j] * p[i][j];
        square += g[i][j] * g[i][j] * p[i][j];
      }
    }
    return Math.sqrt((square - mean * mean) / n);
  }

  /** κ of unnormalised proportions (the perturbed point of a numerical derivative). */
  private static double kappaOfProportions(double[][] p, KappaWeights w) {
    int k = p.length;
    double total = 0;
    double[] row = new double[k];
    double[] col = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        total += p[i][j];
        row[i] += p[i][j];
        col[j] += p[i][j];
      }
    }
    double observed = 0;
    double chance = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        observed += w.disagreement(i, j) * p[i][j] / total;
        chance += w.disagreement(i, j) * (row[i] / total) * (col[j] / total);
      }
    }
    return 1 - observed / chance;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Test
  void intervalIsWaldAndClippedToMinusOneOne() {
    Kappa k = new Kappa(0.95, 0.1, KappaWeights.NONE, 30);
    assertThat(k.interval(0.95).upper()).isEqualTo(1.0);
    assertThat(k.interval(0.95).lower()).isCloseTo(0.95 - 1.959963984540054 * 0.1, within(1e-12));
  }

  @Test
  void badTablesAreRefused() {
    assertThatThrownBy(() -> CohenKappa.of(new double[][] {{1, 2}}, KappaWeights.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CohenKappa.of(new double[][] {{1, -2}, {0, 1}}, KappaWeights.NONE))
        .hasMessageContaining(">= 0");
  }
}
