package dev.assay.stats.hypothesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PairedPermutationTestTest {

  /** Slow oracle: every one of the 2^n sign patterns of all n differences, zeros included. */
  static double bruteForce(double[] d) {
    double observed = 0;
    double magnitude = 0;
    for (double v : d) {
      observed += v;
      magnitude += Math.abs(v);
    }
    long extreme = 0;
    for (long mask = 0; mask < 1L << d.length; mask++) {
      double s = 0;
      for (int i = 0; i < d.length; i++) {
        s += (mask >>> i & 1) == 1 ? -d[i] : d[i];
      }
      if (Math.abs(s) >= Math.abs(observed) - 1e-9 * magnitude) {
        extreme++;
      }
    }
    return (double) extreme / (1L << d.length);
  }

  @Property(tries = 60)
  void exactEnumerationMatchesBruteForce(@ForAll @IntRange(min = 1, max = 14) int n,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      // a coarse grid produces ties and zeros, the hard cases for tolerance handling
      d[i] = random.nextInt(7) - 3 + (random.nextBoolean() ? 0.0 : 0.5);
    }
    double p = PairedPermutationTest.defaults().test(ScipyReferenceTest.ids(n), d).pValue();
    assertThat(p).as("seed %d", seed).isCloseTo(bruteForce(d), within(1e-15));
  }

  @Test
  void monteCarloAgreesWithExactAndIsAtLeastOneOverRPlusOne() {
    long seed = 20240611L;
    Random random = new Random(seed);
    int n = 22;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = random.nextGaussian() + 0.35;
    }
    double exact = bruteForce(d);
    TestResult mc = new PairedPermutationTest(7, 10_000, 2).test(ScipyReferenceTest.ids(n), d);
    assertThat(mc.method()).isEqualTo("paired-permutation-monte-carlo");
    double se = Math.sqrt(exact * (1 - exact) / 10_000);
    assertThat(mc.pValue()).as("data seed %d, exact %f", seed, exact)
        .isCloseTo(exact, within(4 * se + 1e-4));
    // +1 correction: a huge effect still gets p = 1/(R+1), never 0
    double[] strong = new double[30];
    java.util.Arrays.fill(strong, 1.0);
    assertThat(new PairedPermutationTest(0, 999, 1).test(ScipyReferenceTest.ids(30), strong)
        .pValue()).isEqualTo(1.0 / 1000);
  }

  @Test
  void monteCarloIndependentOfOrderAndThreads() {
    long seed = 99L;
    Random random = new Random(seed);
    int n = 200;
    List<String> ids = new ArrayList<>();
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      ids.add("q" + i);
      d[i] = random.nextGaussian() * 0.3 + 0.04;
    }
    TestResult one = new PairedPermutationTest(3, 5_000, 1).test(ids, d);
    TestResult four = new PairedPermutationTest(3, 5_000, 4).test(ids, d);
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perm.add(i);
    }
    Collections.shuffle(perm, new Random(seed));
    List<String> shuffledIds = new ArrayList<>();
    double[] shuffled = new double[n];
    for (int i = 0; i < n; i++) {
      shuffledIds.add(ids.get(perm.get(i)));
      shuffled[i] = d[perm.get(i)];
    }
    TestResult reordered = new PairedPermutationTest(3, 5_000, 4).test(shuffledIds, shuffled);
    assertThat(four).isEqualTo(one);
    assertThat(reordered).isEqualTo(one);
  }

  /** The plain Monte Carlo loop the grouped, branch-free one replaced: one pattern, one example at a time. */
  static double plainMonteCarlo(List<String> ids, double[] differences, long seed, int resamples) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> ids.get(a).compareTo(ids.get(b)));
    double observed = 0;
    double magnitude = 0;
    for (int k : order) {
      observed += differences[k];
      magnitude += Math.abs(differences[k]);
    }
    double threshold = Math.abs(observed) - 1e-9 * magnitude;
    int count = 0;
    for (int r = 0; r < resamples; r++) {
      long key = dev.assay.stats.random.CounterRandom.replicateKey(seed,
          dev.assay.stats.random.CounterRandom.STREAM_PERMUTATION, r, 0);
      double s = 0;
      for (int k : order) {
        long draw = dev.assay.stats.random.CounterRandom.draw(key,
            dev.assay.stats.random.CounterRandom.hashId(ids.get(k)));
        s += dev.assay.stats.random.CounterRandom.coin(draw) ? -differences[k] : differences[k];
      }
      if (Math.abs(s) >= threshold) {
        count++;
      }
    }
    return (1.0 + count) / (resamples + 1.0);
  }

  /**
   * The grouped kernel (8 patterns at once, blocks of examples, sign by XOR) gives the plain
   * loop's p-value bit for bit: sizes around the block of 2,048 and pattern counts that leave a
   * partial group, effects near the edge of significance so many patterns are close calls.
   */
  @Test
  void groupedMonteCarloEqualsThePlainLoopExactly() {
    long seed = 4242L;
    Random random = new Random(seed);
    for (int n : new int[] {41, 2047, 2048, 2049, 5000}) {
      for (int resamples : new int[] {1, 7, 8, 9, 301}) {
        List<String> ids = new ArrayList<>();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
          ids.add("ex-" + random.nextInt(1_000_000) + "-" + i);
          d[i] = random.nextInt(4) == 0 ? 0.0 : random.nextGaussian() + 2.0 / Math.sqrt(n);
        }
        int threads = 1 + random.nextInt(3);
        double p = new PairedPermutationTest(seed + n, resamples, threads).test(ids, d).pValue();
        assertThat(p).as("seed %d n %d R %d threads %d", seed, n, resamples, threads)
            .isEqualTo(plainMonteCarlo(ids, d, seed + n, resamples));
      }
    }
  }

  /**
   * Several metrics tested from one draw of the signs ({@code testEach}) get, each, the plain
   * loop's p-value bit for bit, and the statistic and method of the test alone: a continuous
   * metric, an integer-valued one, one with few non-zero differences (exact enumeration) and one
   * with none.
   */
  @Test
  void metricsTestedTogetherEqualThePlainLoopExactly() {
    long seed = 977L;
    System.out.println("metricsTestedTogetherEqualThePlainLoopExactly seed " + seed);
    Random random = new Random(seed);
    for (int n : new int[] {300, 2049, 4500}) {
      List<String> ids = new ArrayList<>();
      double[] continuous = new double[n];
      double[] integers = new double[n];
      double[] few = new double[n];
      double[] none = new double[n];
      for (int i = 0; i < n; i++) {
        ids.add("q" + random.nextInt(1_000_000) + "-" + i);
        continuous[i] = random.nextInt(3) == 0 ? 0.0 : random.nextGaussian() + 2.0 / Math.sqrt(n);
        integers[i] = random.nextInt(61) - 28;
        few[i] = i < 5 ? random.nextInt(3) + 1 : 0;
      }
      List<double[]> all = List.of(continuous, integers, few, none);
      int resamples = 203;
      int threads = 1 + random.nextInt(2);
      PairedPermutationTest test = new PairedPermutationTest(seed + n, resamples, threads);
      List<TestResult> together = test.testEach(ids, all);
      for (int m = 0; m < all.size(); m++) {
        TestResult alone = test.test(ids, all.get(m));
        assertThat(together.get(m)).as("metric %d, n %d, threads %d", m, n, threads).isEqualTo(alone);
        if (alone.method().endsWith("monte-carlo")) {
          assertThat(together.get(m).pValue()).isEqualTo(plainMonteCarlo(ids, all.get(m), seed + n, resamples));
        }
      }
    }
  }
}
