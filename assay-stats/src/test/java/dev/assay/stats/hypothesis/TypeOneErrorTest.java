package dev.assay.stats.hypothesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of the rejection rate under H₀ at α = 0.05. Tolerance: three binomial
 * standard errors of the simulated rate. Exact-conditional McNemar is conservative by
 * construction, so only its upper bound is checked.
 */
class TypeOneErrorTest {

  private static final double ALPHA = 0.05;
  private static final int DATASETS = 2_000;

  private static double se() {
    return Math.sqrt(ALPHA * (1 - ALPHA) / DATASETS);
  }

  @Test
  void permutationWilcoxonAndTHoldTheirLevel() {
    long seed = 4242L;
    Random random = new Random(seed);
    int n = 16;
    List<String> ids = ScipyReferenceTest.ids(n);
    PairedPermutationTest permutation = new PairedPermutationTest(0, 1, 1);
    int rejectPermutation = 0;
    int rejectWilcoxon = 0;
    int rejectT = 0;
    for (int k = 0; k < DATASETS; k++) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = random.nextGaussian() * (1 + random.nextDouble());
      }
      if (permutation.test(ids, d).pValue() <= ALPHA) {
        rejectPermutation++;
      }
      if (WilcoxonSignedRankTest.test(d).pValue() <= ALPHA) {
        rejectWilcoxon++;
      }
      if (PairedTTest.ofDifferences(d).test().pValue() <= ALPHA) {
        rejectT++;
      }
    }
    assertRate("permutation", rejectPermutation, seed, false);
    assertRate("wilcoxon", rejectWilcoxon, seed, false);
    assertRate("paired t", rejectT, seed, false);
  }

  @Test
  void wilcoxonNormalApproximationHoldsLevelWithTies() {
    long seed = 777L;
    Random random = new Random(seed);
    int n = 40;
    int reject = 0;
    for (int k = 0; k < DATASETS; k++) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = random.nextInt(9) - 4; // ties and zeros: normal approximation branch
      }
      if (WilcoxonSignedRankTest.test(d).pValue() <= ALPHA) {
        reject++;
      }
    }
    assertRate("wilcoxon-normal with ties", reject, seed, false);
  }

  @Test
  void mcNemarExactIsConservativeAndMidPNearNominal() {
    long seed = 31337L;
    Random random = new Random(seed);
    int n = 300;
    double discordant = 0.2;
    int rejectExact = 0;
    int rejectMid = 0;
    for (int k = 0; k < DATASETS; k++) {
      int b = 0;
      int c = 0;
      for (int i = 0; i < n; i++) {
        double u = random.nextDouble();
        if (u < discordant / 2) {
          b++;
        } else if (u < discordant) {
          c++;
        }
      }
      if (McNemarTest.exact(b, c).pValue() <= ALPHA) {
        rejectExact++;
      }
      if (McNemarTest.midP(b, c).pValue() <= ALPHA) {
        rejectMid++;
      }
    }
    assertRate("mcnemar exact", rejectExact, seed, true);
    assertRate("mcnemar mid-p", rejectMid, seed, false);
  }

  private static void assertRate(String test, int rejections, long seed, boolean upperOnly) {
    double rate = (double) rejections / DATASETS;
    String message = test + ": rejection rate " + rate + " over " + DATASETS
        + " null datasets, seed " + seed;
    assertThat(rate).as(message).isLessThanOrEqualTo(ALPHA + 3 * se());
    if (!upperOnly) {
      assertThat(rate).as(message).isGreaterThanOrEqualTo(ALPHA - 3 * se());
    }
  }
}
