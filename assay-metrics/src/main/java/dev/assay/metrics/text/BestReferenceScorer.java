package dev.assay.metrics.text;

import dev.assay.core.Example;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/**
 * A per-example text metric that compares the output with each reference and keeps the best
 * value, as the SQuAD script does for several gold answers. The run value is the mean.
 */
final class BestReferenceScorer implements Scorer {
  private final MeanMetric metric;
  private final ToDoubleBiFunction<String, String> measure;

  /** @param measure (output, reference) to a value in [0, 1] */
  BestReferenceScorer(String name, ToDoubleBiFunction<String, String> measure) {
    this.metric = MeanMetric.unit(name);
    this.measure = measure;
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) {
    String text = output.text();
    double best = 0;
    for (String reference : References.of(example)) {
      best = Math.max(best, measure.applyAsDouble(text, reference));
    }
    return Map.of(metric.name(), Score.of(best));
  }
}
