package dev.assay.metrics.text;

import dev.assay.core.CorpusMetric;
import dev.assay.core.Direction;
import dev.assay.core.Example;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.util.List;
import java.util.Map;

/**
 * Scores a {@link SufficientStatistics} metric (BLEU, chrF): each example's {@link Score} holds
 * the sentence-level value and the example's statistics vector; the run value is the corpus
 * value of the summed vectors ({@link CorpusMetric}), not the mean of sentence values. Stateless
 * and thread-safe.
 */
final class CorpusScorer implements Scorer {
  private final SufficientStatistics statistics;
  private final CorpusMetric metric;

  CorpusScorer(String name, SufficientStatistics statistics) {
    this.statistics = statistics;
    this.metric = new CorpusMetric(name, Direction.HIGHER_IS_BETTER, Scale.PERCENT, statistics);
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) {
    double[] stats = statistics.statistics(output.text(), References.of(example));
    return Map.of(metric.name(), Score.of(statistics.segmentScore(stats), stats));
  }
}
