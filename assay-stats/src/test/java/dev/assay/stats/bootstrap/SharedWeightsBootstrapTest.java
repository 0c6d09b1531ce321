package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Bootstrap#pairedMeanDifferences} draws the weights once for several metrics; each
 * metric's distribution must be, bit for bit, what {@link Bootstrap#pairedMeanDifference} gives
 * for that metric alone (same random stream): estimate, every replicate, the jackknife
 * acceleration and the BCa interval. Metrics of every kind share the draw: 0/1 values (which alone
 * take the packed indicator kernel), fractional values (summed in double), integer latencies
 * (summed in long); ids in shuffled order; one and two threads; tiny samples whose empty resamples
 * are redrawn.
 */
class SharedWeightsBootstrapTest {

  private static void assertSameAsOneByOne(int n, long seed, int replicates, int threads) {
    System.out.println("SharedWeightsBootstrapTest: n " + n + ", seed " + seed + ", threads " + threads);
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("ex-" + Integer.toHexString(random.nextInt()) + "-" + i);
    }
    List<double[]> baselines = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>();
    for (int kind = 0; kind < 3; kind++) {
      double[] b = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = value(random, kind);
        c[i] = random.nextDouble() < 0.3 ? value(random, kind) : b[i];
      }
      baselines.add(b);
      candidates.add(c);
    }
    Bootstrap bootstrap = Bootstrap.defaults().withSeed(seed).withReplicates(replicates).withThreads(threads);
    List<BootstrapDistribution> shared = bootstrap.pairedMeanDifferences(ids, baselines, candidates);
    assertThat(shared).hasSize(3);
    for (int k = 0; k < 3; k++) {
      BootstrapDistribution alone = Bootstrap.defaults().withSeed(seed).withReplicates(replicates)
          .pairedMeanDifference(ids, baselines.get(k), candidates.get(k), null);
      BootstrapDistribution together = shared.get(k);
      assertThat(bits(together.estimate())).as("estimate of metric %d", k).isEqualTo(bits(alone.estimate()));
      double[] a = alone.replicates();
      double[] t = together.replicates();
      assertThat(t).hasSameSizeAs(a);
      for (int r = 0; r < a.length; r++) {
        assertThat(bits(t[r])).as("metric %d, replicate %d (seed %d)", k, r, seed).isEqualTo(bits(a[r]));
      }
      assertThat(bits(together.acceleration())).isEqualTo(bits(alone.acceleration()));
      assertThat(bca(together)).isEqualTo(bca(alone));
    }
  }

  private static double value(Random random, int kind) {
    return switch (kind) {
      case 0 -> random.nextInt(2);                          // exact match: 0/1
      case 1 -> random.nextInt(4) / 3.0;                    // token F1: fractions
      default -> 50 + Math.round(400 * Math.exp(random.nextGaussian())); // latency in ms
    };
  }

  /** The BCa interval, or the exception's type where BCa is undefined (tiny samples). */
  private static Object bca(BootstrapDistribution d) {
    try {
      return d.bca(0.95);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  @Test
  void everyMetricGetsExactlyItsOwnDistribution() {
    assertSameAsOneByOne(6_000, 20261207, 300, 2);
  }

  @Test
  void theThreadCountChangesNothing() {
    assertSameAsOneByOne(3_000, 11, 130, 1);
  }

  @Test
  void emptyResamplesAreRedrawnAsForOneMetric() {
    // With 2 examples, e^-2 = 13.5% of resamples are empty and redrawn.
    assertSameAsOneByOne(2, 5, 400, 2);
    assertSameAsOneByOne(3, 6, 400, 1);
  }
}
