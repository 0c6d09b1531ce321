package dev.assay.stats.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The count tables against slow oracles: exact binomial coefficients in BigDecimal, a log-space
 * Poisson probability with a Stirling series, a linear search over the thresholds, and {@link
 * CounterRandom#poissonOne} for Poisson(1).
 */
class CountTableTest {
  private static final double TWO_POW_53 = 0x1.0p53;

  @Test
  void poissonOfMeanOneDrawsWhatThePerExampleDrawDraws() {
    long seed = 20261207L;
    SplittableRandom random = new SplittableRandom(seed);
    CountTable table = CountTable.poisson(1);
    for (int i = 0; i < 1_000_000; i++) {
      long bits = random.nextLong();
      assertThat(table.sample(bits)).as("seed %d, draw %d", seed, i).isEqualTo(CounterRandom.poissonOne(bits));
    }
  }

  @Test
  void binomialThresholdsAreTheExactDistributionToDoublePrecision() {
    for (int n : new int[] {1, 2, 3, 7, 20, 101, 1000, 2001}) {
      CountTable table = CountTable.binomialHalf(n);
      BigDecimal total = new BigDecimal(BigInteger.ONE.shiftLeft(n));
      BigInteger coefficient = BigInteger.ONE;
      BigInteger cumulative = BigInteger.ZERO;
      for (int k = 0; k <= n; k++) {
        if (k > 0) {
          coefficient = coefficient.multiply(BigInteger.valueOf(n - k + 1)).divide(BigInteger.valueOf(k));
        }
        cumulative = cumulative.add(coefficient);
        double cdf = new BigDecimal(cumulative).divide(total, MathContext.DECIMAL128).doubleValue();
        assertThat(table.threshold(k) / TWO_POW_53).as("Binomial(%d, 1/2) cdf at %d", n, k)
            .isCloseTo(cdf, org.assertj.core.api.Assertions.within(1e-14));
      }
      assertThat(table.threshold(n)).isEqualTo(1L << 53);
    }
  }

  @Test
  void poissonThresholdsMatchTheSummedProbabilitiesInHighPrecision() {
    MathContext mc = new MathContext(50);
    for (int mean : new int[] {2, 57, 10_000, 250_000}) {
      CountTable table = CountTable.poisson(mean);
      // Unnormalised weights λ^k/k! relative to k = lowest, in 50 digits; the tails beyond the
      // table are below 10⁻¹⁸ of the total and are left out of both.
      BigDecimal lambda = BigDecimal.valueOf(mean);
      int span = table.highest() - table.lowest() + 1;
      BigDecimal[] w = new BigDecimal[span];
      w[0] = BigDecimal.ONE;
      for (int j = 1; j < span; j++) {
        w[j] = w[j - 1].multiply(lambda, mc).divide(BigDecimal.valueOf(table.lowest() + j), mc);
      }
      BigDecimal total = BigDecimal.ZERO;
      for (BigDecimal x : w) {
        total = total.add(x, mc);
      }
      BigDecimal cumulative = BigDecimal.ZERO;
      for (int j = 0; j < span - 1; j++) {
        cumulative = cumulative.add(w[j], mc);
        double cdf = cumulative.divide(total, mc).doubleValue();
        assertThat(table.threshold(table.lowest() + j) / TWO_POW_53).as("Poisson(%d) cdf at %d", mean, table.lowest() + j)
            .isCloseTo(cdf, org.assertj.core.api.Assertions.within(1e-14));
      }
    }
  }

  @Test
  void poissonThresholdsMatchTheLogSpaceDistribution() {
    for (double mean : new double[] {0.5, 1, 3, 57, 1000, 10_000}) {
      CountTable table = CountTable.poisson(mean);
      double cdf = 0;
      // Sum the oracle's pmf from 0 (or far below the mean) up, checking every table entry.
      int from = (int) Math.max(0, mean - 40 * Math.sqrt(mean) - 40);
      for (int k = from; k <= table.highest(); k++) {
        cdf += Math.exp(k * Math.log(mean) - mean - logFactorial(k));
        if (k >= table.lowest() && k < table.highest()) {
          // The oracle's own error: a few ulps of the exponent k·ln λ + λ, carried into the pmf.
          double tolerance = 1e-14 + 4e-16 * (k * Math.abs(Math.log(mean)) + mean);
          assertThat(table.threshold(k) / TWO_POW_53).as("Poisson(%s) cdf at %d", mean, k)
              .isCloseTo(cdf, org.assertj.core.api.Assertions.within(tolerance));
        }
      }
      // The table reaches far enough into both tails that what it leaves out is negligible.
      assertThat(cdf).as("Poisson(%s) mass covered", mean).isGreaterThan(1 - 1e-10);
      assertThat(table.lowest()).isLessThanOrEqualTo((int) Math.max(0, mean - 9 * Math.sqrt(mean)));
      assertThat(table.highest()).isGreaterThanOrEqualTo((int) (mean + 9 * Math.sqrt(mean) + 5));
    }
  }

  @Test
  void sampleInvertsTheThresholdsExactlyAtEveryBoundary() {
    long seed = 7L;
    SplittableRandom random = new SplittableRandom(seed);
    for (CountTable table : new CountTable[] {CountTable.poisson(3), CountTable.poisson(40_000),
        CountTable.binomialHalf(1), CountTable.binomialHalf(5), CountTable.binomialHalf(99_999)}) {
      for (int k = table.lowest(); k < table.highest(); k++) {
        long t = table.threshold(k);
        // x = T[k] - 1 is still k or below; x = T[k] is above k.
        assertThat(table.sample((t - 1) << 11)).isEqualTo(linear(table, t - 1));
        if (t < 1L << 53) {
          assertThat(table.sample(t << 11)).isEqualTo(linear(table, t));
        }
      }
      for (int i = 0; i < 200_000; i++) {
        long bits = random.nextLong();
        assertThat(table.sample(bits)).as("seed %d", seed).isEqualTo(linear(table, bits >>> 11));
      }
    }
  }

  @Test
  void drawsHaveTheDistributionsMoments() {
    long seed = 99L;
    SplittableRandom random = new SplittableRandom(seed);
    int draws = 400_000;
    CountTable poisson = CountTable.poisson(2_500);
    CountTable binomial = CountTable.binomialHalf(10_000);
    double[] sums = new double[4];
    for (int i = 0; i < draws; i++) {
      double p = poisson.sample(random.nextLong());
      double b = binomial.sample(random.nextLong());
      sums[0] += p;
      sums[1] += p * p;
      sums[2] += b;
      sums[3] += b * b;
    }
    double pm = sums[0] / draws;
    double bm = sums[2] / draws;
    // Means within 4 standard errors; variances within 2%.
    assertThat(pm).as("seed %d", seed).isCloseTo(2_500, org.assertj.core.api.Assertions.within(4 * Math.sqrt(2_500.0 / draws)));
    assertThat(sums[1] / draws - pm * pm).isCloseTo(2_500, org.assertj.core.api.Assertions.withinPercentage(2));
    assertThat(bm).isCloseTo(5_000, org.assertj.core.api.Assertions.within(4 * Math.sqrt(2_500.0 / draws)));
    assertThat(sums[3] / draws - bm * bm).isCloseTo(2_500, org.assertj.core.api.Assertions.withinPercentage(2));
  }

  @Test
  void tinyCountsAndBadArguments() {
    CountTable one = CountTable.binomialHalf(1);
    assertThat(one.lowest()).isZero();
    assertThat(one.highest()).isEqualTo(1);
    assertThat(one.threshold(0)).isEqualTo(1L << 52);
    assertThat(CountTable.poisson(1e-30).sample(-1L)).isZero();
    assertThatThrownBy(() -> CountTable.poisson(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CountTable.poisson(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CountTable.binomialHalf(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(CountTable.pays(9_999, 1)).isFalse();
    assertThat(CountTable.pays(10_000, 625)).isTrue();
    assertThat(CountTable.pays(10_000, 626)).isFalse();
  }

  /** The slow oracle: count of thresholds at or below x. */
  private static int linear(CountTable table, long x) {
    int k = table.lowest();
    while (k < table.highest() && x >= table.threshold(k)) {
      k++;
    }
    return k;
  }

  /** ln k! by a Stirling series (exact sum below 20), accurate to about 1e-15 relative. */
  private static double logFactorial(int k) {
    if (k < 20) {
      double s = 0;
      for (int i = 2; i <= k; i++) {
        s += Math.log(i);
      }
      return s;
    }
    double x = k + 1.0;
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x)
        + 1 / (1260 * Math.pow(x, 5));
  }
}
