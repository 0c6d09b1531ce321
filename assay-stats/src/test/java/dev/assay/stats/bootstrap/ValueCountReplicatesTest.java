package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The per-value bootstrap of a paired mean difference ({@link ValueCountReplicates}): the same
 * distribution as the per-example draw (a two-sample Kolmogorov-Smirnov check against the
 * clustered path with one example per cluster, which draws a Poisson(1) weight per example), seeded
 * coverage of its intervals, and results independent of input order and thread count.
 */
class ValueCountReplicatesTest {

  /** Paired data: a 0/1 outcome (about 60% vs 62%) and a latency in whole milliseconds. */
  private record Data(List<String> ids, double[] b01, double[] c01, double[] bMs, double[] cMs) {}

  private static Data data(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> ids = new ArrayList<>(n);
    double[] b01 = new double[n];
    double[] c01 = new double[n];
    double[] bMs = new double[n];
    double[] cMs = new double[n];
    for (int i = 0; i < n; i++) {
      ids.add(String.format("q%06d", i));
      double hard = random.nextDouble();
      b01[i] = hard < 0.60 ? 1 : 0;
      c01[i] = hard < 0.60 ? (random.nextDouble() < 0.97 ? 1 : 0) : (random.nextDouble() < 0.10 ? 1 : 0);
      bMs[i] = 200 + random.nextInt(600);
      cMs[i] = bMs[i] - 40 + random.nextInt(60);
    }
    return new Data(ids, b01, c01, bMs, cMs);
  }

  @Test
  void replicatesHaveThePerExampleDrawsDistribution() {
    long seed = 20261207L;
    Data d = data(20_000, seed);
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(2_000).withSeed(seed);
    for (double[][] pair : new double[][][] {{d.b01, d.c01}, {d.bMs, d.cMs}}) {
      assertThat(ValueCountReplicates.of(pair[0], pair[1], seed)).as("drawn per value").isNotNull();
      BootstrapDistribution byValue = bootstrap.pairedMeanDifference(d.ids, pair[0], pair[1], null);
      // One cluster per example: the clustered path draws one Poisson(1) weight per example.
      BootstrapDistribution perExample = bootstrap.pairedMeanDifference(d.ids, pair[0], pair[1], d.ids);
      double[] x = byValue.replicates();
      double[] y = perExample.replicates();
      // Critical value of the two-sample KS statistic at α = 0.001 for 2,000 + 2,000 draws.
      assertThat(ksStatistic(x, y)).as("seed %d: KS distance between the two draws", seed)
          .isLessThan(1.95 * Math.sqrt(2.0 / 2_000));
      assertThat(byValue.standardError()).as("seed %d", seed)
          .isCloseTo(perExample.standardError(), within(0.08 * perExample.standardError()));
      assertThat(byValue.estimate()).isCloseTo(perExample.estimate(), within(1e-12));
      // The per-example jackknife subtracts each example from totals of 10⁴ and more: it agrees to about 10⁻⁹.
      assertThat(byValue.acceleration()).isCloseTo(perExample.acceleration(), within(1e-7 * Math.abs(perExample.acceleration()) + 1e-15));
    }
  }

  @Test
  void intervalsCoverTheTrueDifference() {
    long seed = 4711L;
    int datasets = 600;
    int n = 10_000;
    double pb = 0.60;
    double pc = 0.63;
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(999).withThreads(1);
    List<String> ids = IntStream.range(0, n).mapToObj(i -> "e" + i).toList();
    int[][] covered = IntStream.range(0, datasets).parallel().mapToObj(k -> {
      SplittableRandom random = new SplittableRandom(seed + k);
      double[] b = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = random.nextDouble() < pb ? 1 : 0;
        c[i] = random.nextDouble() < pc ? 1 : 0;
      }
      BootstrapDistribution dist = bootstrap.withSeed(k).pairedMeanDifference(ids, b, c, null);
      ConfidenceInterval percentile = dist.percentile(0.95);
      ConfidenceInterval bca = dist.bca(0.95);
      return new int[] {percentile.contains(pc - pb) ? 1 : 0, bca.contains(pc - pb) ? 1 : 0};
    }).toArray(int[][]::new);
    double sd = Math.sqrt(0.95 * 0.05 / datasets);
    for (int method = 0; method < 2; method++) {
      int m = method;
      double coverage = Arrays.stream(covered).mapToInt(c -> c[m]).sum() / (double) datasets;
      assertThat(coverage).as("seed %d: %s coverage over %d data sets", seed, m == 0 ? "percentile" : "BCa", datasets)
          .isBetween(0.95 - 3 * sd, 0.95 + 3 * sd);
    }
  }

  @Test
  void independentOfInputOrderAndThreads() {
    long seed = 31L;
    Data d = data(12_000, seed);
    BootstrapDistribution one = Bootstrap.defaults().withReplicates(500).withSeed(seed).withThreads(1)
        .pairedMeanDifference(d.ids, d.bMs, d.cMs, null);
    List<Integer> order = new ArrayList<>(IntStream.range(0, d.ids.size()).boxed().toList());
    Collections.shuffle(order, new java.util.Random(seed));
    List<String> ids = order.stream().map(d.ids::get).toList();
    double[] b = order.stream().mapToDouble(i -> d.bMs[i]).toArray();
    double[] c = order.stream().mapToDouble(i -> d.cMs[i]).toArray();
    BootstrapDistribution shuffled = Bootstrap.defaults().withReplicates(500).withSeed(seed).withThreads(3)
        .pairedMeanDifference(ids, b, c, null);
    assertThat(shuffled.replicates()).isEqualTo(one.replicates());
    assertThat(shuffled.estimate()).isEqualTo(one.estimate());
  }

  @Test
  void metricsDrawnTogetherStillGetTheirOwnDistributions() {
    long seed = 8L;
    Data d = data(15_000, seed);
    SplittableRandom random = new SplittableRandom(seed);
    double[] bF = IntStream.range(0, 15_000).mapToDouble(i -> random.nextDouble()).toArray();
    double[] cF = IntStream.range(0, 15_000).mapToDouble(i -> random.nextDouble()).toArray();
    double[] bG = IntStream.range(0, 15_000).mapToDouble(i -> random.nextGaussian()).toArray();
    double[] cG = IntStream.range(0, 15_000).mapToDouble(i -> random.nextGaussian()).toArray();
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(300).withSeed(seed);
    List<double[]> baselines = List.of(d.b01, bF, d.bMs, bG);
    List<double[]> candidates = List.of(d.c01, cF, d.cMs, cG);
    List<BootstrapDistribution> together = bootstrap.pairedMeanDifferences(d.ids, baselines, candidates);
    for (int k = 0; k < 4; k++) {
      BootstrapDistribution alone = bootstrap.pairedMeanDifference(d.ids, baselines.get(k), candidates.get(k), null);
      assertThat(together.get(k).replicates()).as("metric %d", k).isEqualTo(alone.replicates());
    }
    // Continuous differences are all distinct: drawn per example, not per value.
    assertThat(ValueCountReplicates.of(bF, cF, seed)).isNull();
  }

  @Test
  void belowTenThousandExamplesThePerExampleDrawIsKept() {
    Data d = data(9_999, 1L);
    assertThat(ValueCountReplicates.of(d.b01, d.c01, 1L)).isNull();
    Data big = data(10_000, 1L);
    ValueCountReplicates v = ValueCountReplicates.of(big.b01, big.c01, 1L);
    assertThat(v).isNotNull();
    assertThat(v.distinctValues()).isEqualTo(3);
    double[] zeros = new double[10_000];
    double[] negativeZeros = new double[10_000];
    Arrays.fill(negativeZeros, -0.0);
    assertThat(ValueCountReplicates.of(zeros, negativeZeros, 1L).distinctValues()).as("-0.0 and 0.0 are one value")
        .isEqualTo(1);
    double[] withNaN = big.c01.clone();
    withNaN[5] = Double.NaN;
    assertThat(ValueCountReplicates.of(big.b01, withNaN, 1L)).as("left to the per-example path, which refuses it").isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Bootstrap.defaults().withReplicates(10).pairedMeanDifference(big.ids, big.b01, withNaN, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blockedReplicatesEqualEachReplicateComputedAlone() {
    Data d = data(20_000, 77L);
    ValueCountReplicates kernel = ValueCountReplicates.of(d.bMs, d.cMs, 77L);
    double[] out = new double[700];
    kernel.compute(0, 300, out);
    kernel.compute(300, 700, out);
    for (int r = 0; r < out.length; r++) {
      assertThat(out[r]).as("replicate %d", r).isEqualTo(kernel.replicate(r, 0));
    }
  }

  @Test
  void duplicateIdsAreRefusedAsOnThePerExamplePath() {
    Data d = data(10_000, 3L);
    List<String> ids = new ArrayList<>(d.ids);
    ids.set(9_999, ids.get(17));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Bootstrap.defaults().withReplicates(10).pairedMeanDifference(ids, d.b01, d.c01, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate example id 'q000017'");
  }

  private static double ksStatistic(double[] x, double[] y) {
    double[] a = x.clone();
    double[] b = y.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      double v = Math.min(a[i], b[j]);
      while (i < a.length && a[i] == v) {
        i++;
      }
      while (j < b.length && b[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs(i / (double) a.length - j / (double) b.length));
    }
    return d;
  }
}
