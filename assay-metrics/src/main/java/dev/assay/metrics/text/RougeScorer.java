package dev.assay.metrics.text;

import dev.assay.core.Example;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One ROUGE value (precision, recall or F-measure of one variant) per example, against the
 * reference with the best F-measure. The run value is the mean over examples, as rouge-score's
 * aggregator reports it (its bootstrap "mid").
 */
final class RougeScorer implements Scorer {
  private final MeanMetric metric;
  private final Rouge rouge;
  private final ToDoubleFunction<Rouge.Score> part;

  RougeScorer(String name, Rouge rouge, ToDoubleFunction<Rouge.Score> part) {
    this.metric = MeanMetric.unit(name);
    this.rouge = rouge;
    this.part = part;
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) {
    return Map.of(metric.name(), Score.of(part.applyAsDouble(rouge.scoreBest(References.of(example), output.text()))));
  }
}
