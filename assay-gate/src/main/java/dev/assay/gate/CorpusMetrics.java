package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import dev.assay.metrics.text.CorpusScorer;
import dev.assay.metrics.text.SufficientStatistics;
import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Knows which metrics are corpus-level and how to compute them from summed per-example sufficient
 * statistics.
 *
 * <p>The formula always comes from the metric's own scorer: a metric whose scorer is a {@link
 * CorpusScorer} (BLEU, chrF, chrF++) yields its {@link SufficientStatistics#corpusScore}, the same
 * function {@code assay run} and {@code assay score text} use for the corpus value, so a
 * comparison cannot drift from the scorer. Nothing here re-implements a metric. Any other metric
 * (or a score-file column no scorer knows) is a per-example metric, compared as a mean.
 */
public final class CorpusMetrics {
  private static final CorpusMetrics NONE = new CorpusMetrics(name -> Optional.empty());

  private final Function<String, Optional<CorpusStatistic>> formulas;
  private final Map<String, Optional<CorpusStatistic>> cache = new ConcurrentHashMap<>();

  /**
   * @param formulas for a metric name, its corpus statistic (empty for per-example metrics); must
   *     not throw
   */
  public CorpusMetrics(Function<String, Optional<CorpusStatistic>> formulas) {
    this.formulas = formulas;
  }

  /** No metric is corpus-level: every metric is compared as a mean. */
  public static CorpusMetrics none() {
    return NONE;
  }

  /** The corpus-level metrics of the installed scorers. */
  public static CorpusMetrics withPlugins(Plugins plugins) {
    return new CorpusMetrics(name -> {
      Scorer s;
      try {
        s = plugins.scorer(name, null, 0);
      } catch (InputException | IllegalArgumentException e) {
        // Not a scorer's metric (a score-file column): a per-example metric.
        return Optional.empty();
      }
      return s instanceof CorpusScorer cs ? Optional.of(of(cs.metric())) : Optional.empty();
    });
  }

  /** The corpus statistic of a metric whose scorer sums sufficient statistics. */
  public static CorpusStatistic of(SufficientStatistics metric) {
    return new CorpusStatistic() {
      @Override
      public int dimension() {
        return metric.size();
      }

      @Override
      public double value(double[] sums) {
        return metric.corpusScore(sums);
      }
    };
  }

  /** The corpus statistic of {@code metric}, or empty when it is a per-example metric. */
  public Optional<CorpusStatistic> formula(String metric) {
    return cache.computeIfAbsent(metric, formulas);
  }
}
