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
}
