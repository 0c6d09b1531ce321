package dev.assay.gate;

import dev.assay.stats.Confidence;
import dev.assay.stats.bootstrap.Bootstrap;
import java.util.List;
import java.util.Set;

/**
 * Settings of a paired comparison.
 *
 * @param metrics the metrics to compare, or empty for every metric both sides have
 * @param confidence two-sided confidence level of the intervals, in (0, 1); default 0.95
 * @param seed seed of the bootstrap and of Monte Carlo permutation tests; default 0
 * @param replicates bootstrap replicates and Monte Carlo permutations, >= 1; default 10,000
 * @param test the test of per-example (mean) metrics, or null for the default (McNemar for 0/1
 *     metrics, permutation otherwise)
 * @param interval the interval method; default BCa
 * @param allowPartial whether an overlap below 90% is accepted
 * @param lowerIsBetter metric names the user declared lower-is-better ({@code --lower-is-better})
 * @param power target power of minimum detectable effects and sample sizes; default 0.8
 */
public record CompareOptions(List<String> metrics, double confidence, long seed, int replicates, TestChoice test,
    IntervalChoice interval, boolean allowPartial, Set<String> lowerIsBetter, double power) {
  public CompareOptions {
    metrics = List.copyOf(metrics);
    lowerIsBetter = Set.copyOf(lowerIsBetter);
    Confidence.check(confidence);
    Confidence.check(power);
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
    }
    if (interval == null) {
      throw new IllegalArgumentException("interval method is required");
    }
  }

  /** Every metric, 95%, seed 0, B = 10,000, default test, BCa, no overrides, 80% power. */
  public static CompareOptions defaults() {
    return new CompareOptions(List.of(), 0.95, Bootstrap.DEFAULT_SEED, Bootstrap.DEFAULT_REPLICATES, null,
        IntervalChoice.BCA, false, Set.of(), 0.8);
  }

  public CompareOptions withConfidence(double level) {
    return new CompareOptions(metrics, level, seed, replicates, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withReplicates(int count) {
    return new CompareOptions(metrics, confidence, seed, count, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withSeed(long s) {
    return new CompareOptions(metrics, confidence, s, replicates, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withTest(TestChoice choice) {
    return new CompareOptions(metrics, confidence, seed, replicates, choice, interval, allowPartial, lowerIsBetter,
        power);
  }

  public CompareOptions withInterval(IntervalChoice choice) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, choice, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withLowerIsBetter(Set<String> names) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, names, power);
  }

  public CompareOptions withPower(double target) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, lowerIsBetter,
        target);
  }

  public CompareOptions withMetrics(List<String> names) {
    return new CompareOptions(names, confidence, seed, replicates, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withAllowPartial(boolean allow) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allow, lowerIsBetter, power);
  }
}
