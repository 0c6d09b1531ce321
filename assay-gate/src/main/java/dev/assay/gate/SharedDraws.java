package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.BootstrapDistribution;
import dev.assay.stats.hypothesis.PairedPermutationTest;
import dev.assay.stats.hypothesis.TestResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paired bootstraps and permutation tests of a comparison's mean metrics, each computed for
 * all of them from one draw ({@link Bootstrap#pairedMeanDifferences}, {@link
 * PairedPermutationTest#testEach}). A replicate's weights and a pattern's signs depend only on the
 * seed, the replicate and the examples' ids, so metrics over the same paired examples would draw
 * the same ones one by one; each metric's distribution and p-value are bit for bit those that
 * {@link MetricComparer} computes for it alone, so verdicts and reports are unchanged.
 *
 * <p>Shared bootstraps: mean metrics with one result per example on each side, examples (not
 * clusters) as the resampling unit, a bootstrap interval (not t), some variation in the
 * differences. Shared tests: mean metrics whose test is the permutation test over examples. In
 * both cases only metrics with the same paired ids as the first; any other metric is computed on
 * its own as before.
 */
final class SharedDraws {
  /** Nothing shared: every metric draws alone. */
  static final SharedDraws NONE = new SharedDraws(Map.of(), Map.of(), List.of());

  private final Map<String, BootstrapDistribution> bootstraps;
  private final Map<String, TestResult> tests;
  private final List<String> ids;

  private SharedDraws(Map<String, BootstrapDistribution> bootstraps, Map<String, TestResult> tests,
      List<String> ids) {
    this.bootstraps = bootstraps;
    this.tests = tests;
    this.ids = ids;
  }

  /**
   * Computes together the bootstraps and the tests of the eligible metrics among {@code metrics}
   * (each kind only when at least two metrics share it: one gains nothing).
   */
  static SharedDraws of(Pairing pairing, List<Metric> metrics, CompareOptions options) {
    if (pairing.clusters() != null) {
      return NONE;
    }
    List<String> ids = null;
    List<String> bootstrapped = new ArrayList<>();
    List<double[]> baselines = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>();
    List<String> tested = new ArrayList<>();
    List<double[]> differences = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Metric metric : metrics) {
      if (metric.kind() != MetricKind.MEAN || seen.contains(metric.name())) {
        continue;
      }
      seen.add(metric.name());
      PairedMetric pm;
      boolean single;
      try {
        single = pairing.scores(metric.name()).single();
        pm = pairing.values(metric.name());
      } catch (InputException e) {
        continue; // the metric's own comparison reports it, in its turn
      }
      if (ids != null && !ids.equals(pm.ids())) {
        continue;
      }
      ids = pm.ids();
      double[] d = pm.differences();
      if (single && options.interval() != IntervalChoice.T && !IntervalSources.allEqual(d)) {
        bootstrapped.add(pm.metric());
        baselines.add(pm.baseline());
        candidates.add(pm.candidate());
      }
      if (MetricComparer.testChoice(pm, options) == TestChoice.PERMUTATION) {
        tested.add(pm.metric());
        differences.add(d);
      }
    }
    Map<String, BootstrapDistribution> bootstraps = new HashMap<>();
    if (bootstrapped.size() >= 2) {
      List<BootstrapDistribution> dists = Bootstrap.defaults().withReplicates(options.replicates())
          .withSeed(options.seed()).pairedMeanDifferences(ids, baselines, candidates);
      for (int k = 0; k < bootstrapped.size(); k++) {
        bootstraps.put(bootstrapped.get(k), dists.get(k));
      }
    }
    Map<String, TestResult> tests = new HashMap<>();
    if (tested.size() >= 2) {
      List<TestResult> results = MetricComparer.permutation(options).testEach(ids, differences);
      for (int k = 0; k < tested.size(); k++) {
        tests.put(tested.get(k), results.get(k));
      }
    }
    return bootstraps.isEmpty() && tests.isEmpty() ? NONE : new SharedDraws(bootstraps, tests, ids);
  }

  /** The shared bootstrap distribution of this paired metric, or null when it was not shared. */
  BootstrapDistribution bootstrap(PairedMetric pm) {
    BootstrapDistribution d = bootstraps.get(pm.metric());
    return d != null && pm.ids().equals(ids) ? d : null;
  }

  /** The shared permutation test of this paired metric, or null when it was not shared. */
  TestResult permutationTest(PairedMetric pm) {
    TestResult t = tests.get(pm.metric());
    return t != null && pm.ids().equals(ids) ? t : null;
  }
}
