package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.BootstrapDistribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paired bootstraps of a comparison's mean metrics, computed together from one draw of the
 * weights ({@link Bootstrap#pairedMeanDifferences}). A replicate's weights depend only on the seed,
 * the replicate and the examples' ids, so metrics over the same paired examples would draw the
 * same weights one by one; each metric's distribution is bit for bit the one {@link
 * IntervalSources#pairedDifference} computes alone, so verdicts and reports are unchanged.
 *
 * <p>Shared are the metrics that {@link MetricComparer} would bootstrap as a paired mean
 * difference: mean metrics with one result per example on each side, examples (not clusters) as
 * the resampling unit, a bootstrap interval (not t), some variation in the differences, and the
 * same paired ids as the other shared metrics. Any other metric is computed on its own as before.
 */
final class SharedBootstraps {
  /** No shared bootstraps: every metric bootstraps alone. */
  static final SharedBootstraps NONE = new SharedBootstraps(Map.of(), List.of());

  private final Map<String, BootstrapDistribution> byMetric;
  private final List<String> ids;

  private SharedBootstraps(Map<String, BootstrapDistribution> byMetric, List<String> ids) {
    this.byMetric = byMetric;
    this.ids = ids;
  }

  /**
   * Bootstraps together the eligible metrics among {@code metrics}; {@link #NONE} when fewer than
   * two are eligible (one metric gains nothing from sharing).
   */
  static SharedBootstraps of(Pairing pairing, List<Metric> metrics, CompareOptions options) {
    if (pairing.clusters() != null || options.interval() == IntervalChoice.T) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    List<double[]> baselines = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>();
    List<String> ids = null;
    for (Metric metric : metrics) {
      if (metric.kind() != MetricKind.MEAN || names.contains(metric.name())) {
        continue;
      }
      PairedMetric pm;
      try {
        if (!pairing.scores(metric.name()).single()) {
          continue;
        }
        pm = pairing.values(metric.name());
      } catch (InputException e) {
        continue; // the metric's own comparison reports it, in its turn
      }
      if (IntervalSources.allEqual(pm.differences()) || ids != null && !ids.equals(pm.ids())) {
        continue;
      }
      ids = pm.ids();
      names.add(metric.name());
      baselines.add(pm.baseline());
      candidates.add(pm.candidate());
    }
    if (names.size() < 2) {
      return NONE;
    }
    List<BootstrapDistribution> dists = Bootstrap.defaults().withReplicates(options.replicates())
        .withSeed(options.seed()).pairedMeanDifferences(ids, baselines, candidates);
    Map<String, BootstrapDistribution> byMetric = new HashMap<>();
    for (int k = 0; k < names.size(); k++) {
      byMetric.put(names.get(k), dists.get(k));
    }
    return new SharedBootstraps(byMetric, ids);
  }

  /** The shared distribution of this paired metric, or null when it was not shared. */
  BootstrapDistribution of(PairedMetric pm) {
    BootstrapDistribution d = byMetric.get(pm.metric());
    return d != null && pm.ids().equals(ids) ? d : null;
  }
}
