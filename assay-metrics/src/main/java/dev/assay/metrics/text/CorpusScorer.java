package dev.assay.metrics.text;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Scorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts a {@link SufficientStatistics} metric to {@link Scorer}: each example's scores hold the
 * sentence-level value under the metric name and the statistics vector under internal names
 * {@code NAME#0 .. NAME#k-1}; {@link #aggregate} sums the vectors and returns the corpus value,
 * not the mean of sentence values.
 *
 * <p>Internal names contain {@code #}, which no metric name contains, so consumers can tell them
 * apart with {@link #isStatistic}; they are stored with the run so the corpus value can be
 * recomputed (and bootstrapped) from per-example records alone.
 */
public final class CorpusScorer implements Scorer {
  private final String name;
  private final SufficientStatistics metric;
  private final String[] keys;

  public CorpusScorer(String name, SufficientStatistics metric) {
    this.name = name;
    this.metric = metric;
    this.keys = new String[metric.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = name + "#" + i;
    }
  }

  /** Whether a per-example score key is an internal statistic rather than a metric value. */
  public static boolean isStatistic(String key) {
    return key.indexOf('#') >= 0;
  }

  public SufficientStatistics metric() {
    return metric;
  }

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public Map<String, Double> score(Example example, Output output) {
    double[] stats = metric.statistics(output.text(), References.of(example));
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(name, metric.segmentScore(stats));
    for (int i = 0; i < stats.length; i++) {
      out.put(keys[i], stats[i]);
    }
    return out;
  }

  /** The corpus value; NaN when no example carries statistics. */
  @Override
  public Map<String, Double> aggregate(List<Map<String, Double>> perExample) {
    double[] weights = new double[perExample.size()];
    java.util.Arrays.fill(weights, 1.0);
    return Map.of(name, corpusValue(perExample, weights));
  }

  /**
   * The corpus value of a weighted corpus: example {@code i} counts {@code weights[i]} times (a
   * bootstrap replicate's multiplicities). Examples without statistics (errors) are skipped; NaN
   * when none has any.
   */
  public double corpusValue(List<Map<String, Double>> perExample, double[] weights) {
    if (weights.length != perExample.size()) {
      throw new IllegalArgumentException("weights " + weights.length + " != examples " + perExample.size());
    }
    double[] sum = new double[keys.length];
    boolean any = false;
    for (int e = 0; e < weights.length; e++) {
      Map<String, Double> scores = perExample.get(e);
      if (weights[e] == 0 || !scores.containsKey(keys[0])) {
        continue;
      }
      any = true;
      for (int i = 0; i < keys.length; i++) {
        sum[i] += weights[e] * scores.get(keys[i]);
      }
    }
    return any ? metric.corpusScore(sum) : Double.NaN;
  }
}
