package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of the coverage of 95% bootstrap intervals for a paired mean difference:
 * 2,000 simulated data sets each (data set k drawn from {@code SplittableRandom(seed + k)}, so the
 * result does not depend on the parallel schedule), B = 499 replicates per data set (enough for a
 * coverage check; the production default is 10,000). Near-nominal means within ±0.02 of 0.95.
 * Skewed and heavy-tailed data, Bernoulli outcomes and the sizes 50 to 1,000 are covered by
 * {@code dev.assay.stats.ValidityGridTest}; this class keeps normal data and clustering.
 */
class BootstrapCoverageTest {

  private static final int DATASETS = 2_000;
  private static final double CONFIDENCE = 0.95;
  private static final Bootstrap BOOTSTRAP = Bootstrap.defaults().withReplicates(499)
      .withThreads(1);

  @Test
  void percentileAndBcaCoverNormalDifferencesAtN100() {
    long seed = 1001L;
    double[] coverage = simulate(100, 0.3, r -> 0.3 + r.nextGaussian(), seed);
    assertNear("percentile, normal, n=100", coverage[0], seed);
    assertNear("BCa, normal, n=100", coverage[1], seed);
  }

  @Test
  void clusteredBootstrapCoversWhereTheExampleBootstrapDoesNot() {
    long seed = 3003L;
    int clusters = 60;
    int perCluster = 3;
    int[][] covered = IntStream.range(0, DATASETS).parallel().mapToObj(k -> {
      SplittableRandom random = new SplittableRandom(seed + k);
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
      Bootstrap seeded = BOOTSTRAP.withSeed(k);
      boolean clustered = seeded.pairedMeanDifference(ids, b, c, keys).percentile(CONFIDENCE)
          .contains(0);
      boolean plain = seeded.pairedMeanDifference(ids, b, c, null).percentile(CONFIDENCE)
          .contains(0);
      return new int[] {clustered ? 1 : 0, plain ? 1 : 0};
    }).toArray(int[][]::new);
    double clustered = IntStream.range(0, DATASETS).map(k -> covered[k][0]).sum()
        / (double) DATASETS;
    double plain = IntStream.range(0, DATASETS).map(k -> covered[k][1]).sum() / (double) DATASETS;
    assertNear("clustered percentile, 60 clusters of 3", clustered, seed);
    System.out.printf("unclustered percentile on clustered data: coverage %.4f (seed %d)%n",
        plain, seed);
    assertThat(plain).as("unclustered bootstrap ignores within-cluster correlation, seed %d", seed)
        .isLessThan(0.85);
  }

  /** Returns {percentile coverage, BCa coverage} of the true mean difference. */
  private static double[] simulate(int n, double trueDifference,
      ToDoubleFunction<SplittableRandom> difference, long seed) {
    List<String> ids = BootstrapDeterminismTest.ids(n);
    int[][] covered = IntStream.range(0, DATASETS).parallel().mapToObj(k -> {
      SplittableRandom random = new SplittableRandom(seed + k);
      double[] b = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = difference.applyAsDouble(random);
      }
      BootstrapDistribution d = BOOTSTRAP.withSeed(k).pairedMeanDifference(ids, b, c, null);
      ConfidenceInterval p = d.percentile(CONFIDENCE);
      ConfidenceInterval a = d.bca(CONFIDENCE);
      return new int[] {p.contains(trueDifference) ? 1 : 0, a.contains(trueDifference) ? 1 : 0};
    }).toArray(int[][]::new);
    double percentile = IntStream.range(0, DATASETS).map(k -> covered[k][0]).sum();
    double bca = IntStream.range(0, DATASETS).map(k -> covered[k][1]).sum();
    return new double[] {percentile / DATASETS, bca / DATASETS};
  }

  private static void assertNear(String what, double coverage, long seed) {
    System.out.printf("%s: coverage %.4f (seed %d)%n", what, coverage, seed);
    assertThat(coverage).as("%s coverage over %d data sets, seed %d", what, DATASETS, seed)
        .isBetween(CONFIDENCE - 0.02, CONFIDENCE + 0.02);
  }
}
