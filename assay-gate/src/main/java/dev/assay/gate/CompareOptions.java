package dev.assay.gate;

import dev.assay.stats.Confidence;
import dev.assay.stats.bootstrap.Bootstrap;
import java.util.List;

/**
 * Settings of a paired comparison.
 *
 * @param metrics the metrics to compare, or empty for every metric both sides have
 * @param confidence two-sided confidence level of the intervals, in (0, 1); default 0.95
 * @param seed seed of the bootstrap and of Monte Carlo permutation tests; default 0
 * @param replicates bootstrap replicates and Monte Carlo permutations, >= 1; default 10,000
 * @param test the test, or null for the default (McNemar for 0/1 metrics, permutation otherwise)
 * @param interval the interval method; default BCa
 * @param allowPartial whether an overlap below 90% is accepted
 * @param directions which metrics are lower-is-better
 * @param power target power of minimum detectable effects and sample sizes; default 0.8
 * @param corpus which metrics are corpus-level (compared as corpus statistics, not means); default
 *     the installed scorers' corpus metrics
 */
public record CompareOptions(List<String> metrics, double confidence, long seed, int replicates, TestChoice test,
    IntervalChoice interval, boolean allowPartial, MetricDirections directions, double power,
    CorpusMetrics corpus) {
  public CompareOptions {
    if (corpus == null) {
      throw new IllegalArgumentException("corpus metrics are required (CorpusMetrics.none() for none)");
    }
    metrics = List.copyOf(metrics);
    Confidence.check(confidence);
    Confidence.check(power);
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
    }
    if (interval == null) {
      throw new IllegalArgumentException("interval method is required");
    }
  }

  /**
   * Every metric, 95%, seed 0, B = 10,000, default test, BCa, directions by name, 80% power, the
   * installed scorers' corpus metrics.
   */
  public static CompareOptions defaults() {
    return new CompareOptions(List.of(), 0.95, Bootstrap.DEFAULT_SEED, Bootstrap.DEFAULT_REPLICATES, null,
        IntervalChoice.BCA, false, MetricDirections.byName(List.of()), 0.8,
        CorpusMetrics.withPlugins(dev.assay.core.Plugins.load()));
  }

  public CompareOptions withCorpus(CorpusMetrics c) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, directions, power,
        c);
  }

  public CompareOptions withConfidence(double level) {
    return new CompareOptions(metrics, level, seed, replicates, test, interval, allowPartial, directions, power,
        corpus);
  }

  public CompareOptions withReplicates(int count) {
    return new CompareOptions(metrics, confidence, seed, count, test, interval, allowPartial, directions, power,
        corpus);
  }

  public CompareOptions withSeed(long newSeed) {
    return new CompareOptions(metrics, confidence, newSeed, replicates, test, interval, allowPartial, directions,
        power, corpus);
  }

  public CompareOptions withTest(TestChoice choice) {
    return new CompareOptions(metrics, confidence, seed, replicates, choice, interval, allowPartial, directions,
        power, corpus);
  }

  public CompareOptions withInterval(IntervalChoice choice) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, choice, allowPartial, directions, power,
        corpus);
  }

  public CompareOptions withDirections(MetricDirections d) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, d, power, corpus);
  }

  public CompareOptions withPower(double target) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, directions,
        target, corpus);
  }

  public CompareOptions withMetrics(List<String> names) {
    return new CompareOptions(names, confidence, seed, replicates, test, interval, allowPartial, directions, power,
        corpus);
  }

  public CompareOptions withAllowPartial(boolean allow) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allow, directions, power, corpus);
  }
}
