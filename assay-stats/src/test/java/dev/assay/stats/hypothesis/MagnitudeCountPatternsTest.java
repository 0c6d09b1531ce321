package dev.assay.stats.hypothesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The sign-flip test with patterns drawn per distinct magnitude ({@link MagnitudeCountPatterns}):
 * its p-values agree with a plain per-example sign-flip loop (a slow oracle) within Monte Carlo
 * error, its rejection rate under H₀ is α in a seeded simulation, and results do not depend on
 * input order, threads or which metrics are tested together.
 */
class MagnitudeCountPatternsTest {

  /** Differences in {-2, ..., 2} with a small shift towards positive values. */
  private static double[] differences(int n, double shift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      d[i] = u < 0.15 - shift ? -2 : u < 0.30 ? -1 : u < 0.70 ? 0 : u < 0.85 + shift ? 1 : 2;
    }
    return d;
  }

  /** Slow oracle: R patterns of independent fair signs per example. */
  private static double plainLoop(double[] d, int resamples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double observed = 0;
    double magnitude = 0;
    for (double v : d) {
      observed += v;
      magnitude += Math.abs(v);
    }
    int extreme = 0;
    for (int r = 0; r < resamples; r++) {
      double s = 0;
      for (double v : d) {
        s += random.nextBoolean() ? v : -v;
      }
      if (Math.abs(s) >= Math.abs(observed) - 1e-9 * magnitude) {
        extreme++;
      }
    }
    return (1.0 + extreme) / (resamples + 1.0);
  }

  @Test
  void pValuesAgreeWithAPlainSignFlipLoop() {
    long seed = 20261207L;
    int n = 12_000;
    for (double shift : new double[] {0.0, 0.004, 0.008}) {
      double[] d = differences(n, shift, seed);
      assertThat(MagnitudeCountPatterns.of(d)).as("drawn per magnitude").isNotNull();
      TestResult byMagnitude = new PairedPermutationTest(seed, 10_000, 2).test(ScipyReferenceTest.ids(n), d);
      double oracle = plainLoop(d, 4_000, seed);
      double se = Math.sqrt(oracle * (1 - oracle) * (1 / 10_000.0 + 1 / 4_000.0)) + 1e-3;
      assertThat(byMagnitude.pValue()).as("seed %d, shift %s (oracle p %s)", seed, shift, oracle)
          .isCloseTo(oracle, org.assertj.core.api.Assertions.within(4 * se));
    }
  }

  @Test
  void blockedPatternsCountWhatEachPatternComputedAloneGives() {
    double[] d = differences(15_000, 0.004, 9L);
    MagnitudeCountPatterns patterns = MagnitudeCountPatterns.of(d);
    double observed = java.util.Arrays.stream(d).sum();
    double threshold = Math.abs(observed) - 1e-9 * java.util.Arrays.stream(d).map(Math::abs).sum();
    int extreme = 0;
    for (int r = 0; r < 3_000; r++) {
      extreme += Math.abs(patterns.statistic(9L, r)) >= threshold ? 1 : 0;
    }
    assertThat(patterns.pValue(9L, 3_000, 3, threshold)).isEqualTo((1.0 + extreme) / 3_001.0);
  }

  @Test
  void rejectsAtAlphaUnderTheNull() {
    long seed = 4242L;
    int datasets = 800;
    int n = 10_000;
    List<String> ids = ScipyReferenceTest.ids(n);
    long rejected = IntStream.range(0, datasets).parallel()
        .filter(k -> new PairedPermutationTest(k, 999, 1).test(ids, differences(n, 0, seed + k)).pValue() <= 0.05)
        .count();
    double rate = rejected / (double) datasets;
    double sd = Math.sqrt(0.05 * 0.95 / datasets);
    assertThat(rate).as("seed %d: rejection rate at 0.05 over %d null data sets", seed, datasets)
        .isBetween(0.05 - 3 * sd, 0.05 + 3 * sd);
  }

  @Test
  void independentOfOrderThreadsAndCompanions() {
    long seed = 5L;
    int n = 11_000;
    double[] d = differences(n, 0.006, seed);
    List<String> ids = ScipyReferenceTest.ids(n);
    TestResult alone = new PairedPermutationTest(seed, 2_000, 1).test(ids, d);
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, new Random(seed));
    TestResult shuffled = new PairedPermutationTest(seed, 2_000, 3)
        .test(order.stream().map(ids::get).toList(), order.stream().mapToDouble(i -> d[i]).toArray());
    assertThat(shuffled).isEqualTo(alone);
    // Tested beside a continuous metric (drawn per example) and a per-magnitude one.
    SplittableRandom random = new SplittableRandom(seed);
    double[] continuous = IntStream.range(0, n).mapToDouble(i -> random.nextGaussian()).toArray();
    double[] other = differences(n, 0.0, seed + 1);
    List<TestResult> together = new PairedPermutationTest(seed, 2_000, 2).testEach(ids, List.of(continuous, d, other));
    assertThat(together.get(1)).isEqualTo(alone);
    assertThat(together.get(0)).isEqualTo(new PairedPermutationTest(seed, 2_000, 1).test(ids, continuous));
    assertThat(together.get(2)).isEqualTo(new PairedPermutationTest(seed, 2_000, 1).test(ids, other));
    assertThat(MagnitudeCountPatterns.of(continuous)).isNull();
    List<String> duplicated = new ArrayList<>(ids);
    duplicated.set(n - 1, ids.get(0));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PairedPermutationTest(seed, 10, 1).test(duplicated, d))
        .hasMessageContaining("duplicate example id");
    // Integer differences: the observed mean is exact whatever the order, as on the per-example path.
    assertThat(alone.statistic()).isEqualTo(java.util.Arrays.stream(d).sum() / n);
    assertThat(MagnitudeCountPatterns.of(differences(9_999, 0, seed))).as("below 10,000 examples").isNull();
  }
}
