package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of the coverage of 95% bootstrap intervals for a paired mean difference:
 * 2,000 simulated data sets each, B = 499 replicates per data set (enough for a coverage check;
 * the production default is 10,000). Near-nominal means within ±0.02 of 0.95.
 */
class BootstrapCoverageTest {

  private static final int DATASETS = 2_000;
  private static final double CONFIDENCE = 0.95;

  @Test
  void percentileAndBcaCoverNormalDifferencesAtN50() {
    long seed = 1001L;
    Random random = new Random(seed);
    double[] coverage = simulate(50, 0.3, () -> 0.3 + random.nextGaussian(), seed);
    assertNear("percentile, normal, n=50", coverage[0], seed);
    assertNear("BCa, normal, n=50", coverage[1], seed);
  }

  @Test
  void bcaCoversSkewedLogNormalDifferencesAtN100() {
    long seed = 2002L;
    Random random = new Random(seed);
    // log-normal(0, 1) has mean exp(1/2)
    double mean = Math.exp(0.5);
    double[] coverage = simulate(100, mean, () -> Math.exp(random.nextGaussian()), seed);
    assertNear("BCa, log-normal, n=100", coverage[1], seed);
    System.out.printf("percentile, log-normal, n=100: coverage %.4f (seed %d)%n", coverage[0], seed);
    assertThat(coverage[0]).as("percentile, log-normal, n=100, seed %d", seed)
        .isBetween(0.90, 0.97);
  }

  @Test
  void clusteredBootstrapCoversWhereTheExampleBootstrapDoesNot() {
    long seed = 3003L;
    Random random = new Random(seed);
    int clusters = 40;
    int perCluster = 4;
    int coveredClustered = 0;
    int coveredPlain = 0;
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(499).withThreads(1);
    for (int k = 0; k < DATASETS; k++) {
      List<String> ids = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      double[] b = new double[clusters * perCluster];
      double[] c = new double[clusters * perCluster];
      for (int g = 0; g < clusters; g++) {
        double shared = random.nextGaussian(); // strong within-document correlation
        for (int j = 0; j < perCluster; j++) {
          int i = g * perCluster + j;
          ids.add("d" + g + "q" + j);
          keys.add("d" + g);
          c[i] = shared + 0.5 * random.nextGaussian();
        }
      }
      Bootstrap replicateSeeded = bootstrap.withSeed(k);
      if (replicateSeeded.pairedMeanDifference(ids, b, c, keys).percentile(CONFIDENCE)
          .contains(0)) {
        coveredClustered++;
      }
      if (replicateSeeded.pairedMeanDifference(ids, b, c, null).percentile(CONFIDENCE)
          .contains(0)) {
        coveredPlain++;
      }
    }
    assertNear("clustered percentile", (double) coveredClustered / DATASETS, seed);
    System.out.printf("unclustered percentile on clustered data: coverage %.4f (seed %d)%n",
        (double) coveredPlain / DATASETS, seed);
    assertThat((double) coveredPlain / DATASETS)
        .as("unclustered bootstrap ignores within-cluster correlation, seed %d", seed)
        .isLessThan(0.80);
  }

  /** Returns {percentile coverage, BCa coverage} of the true mean difference. */
  private static double[] simulate(int n, double trueDifference, DoubleSupplier difference,
      long seed) {
    List<String> ids = BootstrapDeterminismTest.ids(n);
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(499).withThreads(1);
    int percentile = 0;
    int bca = 0;
    for (int k = 0; k < DATASETS; k++) {
      double[] b = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = difference.getAsDouble();
      }
      BootstrapDistribution d = bootstrap.withSeed(seed + k).pairedMeanDifference(ids, b, c, null);
      ConfidenceInterval p = d.percentile(CONFIDENCE);
      ConfidenceInterval a = d.bca(CONFIDENCE);
      if (p.contains(trueDifference)) {
        percentile++;
      }
      if (a.contains(trueDifference)) {
        bca++;
      }
    }
    return new double[] {(double) percentile / DATASETS, (double) bca / DATASETS};
  }

  private static void assertNear(String what, double coverage, long seed) {
    System.out.printf("%s: coverage %.4f (seed %d)%n", what, coverage, seed);
    assertThat(coverage).as("%s coverage over %d data sets, seed %d", what, DATASETS, seed)
        .isBetween(CONFIDENCE - 0.02, CONFIDENCE + 0.02);
  }
}
