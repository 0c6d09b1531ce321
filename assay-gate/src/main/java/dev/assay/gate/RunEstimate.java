package dev.assay.gate;

import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Plugins;
import dev.assay.core.Score;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.interval.WilsonInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A metric of one run with an interval, for single-run reports and model cards: the value is the
 * run's own value of the metric (what the engine stored, computed the same way), never a mean
 * standing in for a corpus statistic or a quantile.
 *
 * <p>Intervals: a mean of 0/1 values, Wilson; any other statistic (other means included), a
 * percentile bootstrap of the metric recomputed on each replicate (examples resampled with their
 * repeats), {@value #REPLICATES} replicates, seed 0. A percentile bootstrap stays inside the range
 * of the values, so a latency's interval is never negative, as Student's t could make it for a
 * skewed mean of few examples.
 *
 * @param metric the metric
 * @param n examples with a score of the metric
 * @param value the run's value of the metric
 * @param ci the interval, or null when it cannot be computed (fewer than 2 examples)
 * @param method how {@code ci} was computed
 */
public record RunEstimate(Metric metric, int n, double value, ConfidenceInterval ci, String method) {
  /** Bootstrap replicates of a corpus statistic or quantile in a report table. */
  public static final int REPLICATES = 2_000;

  /** Every metric of a side, in its order. */
  public static List<RunEstimate> of(RunScores side, Plugins plugins, double confidence) {
    MetricResolver resolver = new MetricResolver(plugins, Set.of());
    List<RunEstimate> out = new ArrayList<>();
    for (String name : side.metrics()) {
      out.add(of(side, resolver.resolve(name, side, side), confidence));
    }
    return out;
  }

  /** One metric of a side. */
  public static RunEstimate of(RunScores side, Metric metric, double confidence) {
    List<String> ids = new ArrayList<>();
    List<List<Score>> perExample = new ArrayList<>();
    for (String id : side.ids()) {
      List<Score> s = side.scores(id, metric.name());
      if (!s.isEmpty()) {
        ids.add(id);
        perExample.add(s);
      }
    }
    int n = ids.size();
    if (n == 0) {
      return new RunEstimate(metric, 0, Double.NaN, null, "none");
    }
    MetricSample sample = metric.sample(PairedScores.flatten(perExample));
    double value = sample.value();
    if (n < 2) {
      return new RunEstimate(metric, n, value, null, "none (one example)");
    }
    if (metric.kind() == MetricKind.MEAN) {
      double[] values = new double[n];
      boolean binary = true;
      for (int i = 0; i < n; i++) {
        values[i] = side.value(ids.get(i), metric.name());
        binary &= values[i] == 0 || values[i] == 1;
      }
      if (binary && perExample.stream().allMatch(s -> s.size() == 1)) {
        long successes = 0;
        for (double v : values) {
          successes += (long) v;
        }
        return new RunEstimate(metric, n, value, WilsonInterval.of(successes, n, confidence), "wilson");
      }
    }
    List<String> sorted = new ArrayList<>(ids);
    java.util.Collections.sort(sorted);
    List<List<Score>> byId = new ArrayList<>();
    for (String id : sorted) {
      byId.add(side.scores(id, metric.name()));
    }
    MetricSample ordered = metric.sample(PairedScores.flatten(byId));
    CompareOptions o = CompareOptions.defaults().withReplicates(REPLICATES).withInterval(IntervalChoice.PERCENTILE);
    try {
      IntervalSource intervals = IntervalSources.general(sorted, null,
          w -> ordered.value(PairedScores.expand(w, byId)), o);
      return new RunEstimate(metric, n, value, intervals.at(confidence), "bootstrap percentile");
    } catch (IllegalStateException e) {
      // The metric is undefined on some resamples (ROC AUC of one class): no interval, said so.
      return new RunEstimate(metric, n, value, null, "none (undefined on some resamples)");
    }
  }
}
