package dev.assay.core;

import java.util.List;

/**
 * A metric whose run value is the mean of per-example values on [0, 1], higher is better, that
 * keeps its name as written so its scorer can read its parameters back from it
 * ({@code faithfulness}, {@code answer_relevance}, {@code context_precision}, {@code context_recall}).
 *
 * @param name the metric's base name, e.g. {@code faithfulness}; results are stored under it
 * @param spec the metric name as written, with its parameters
 */
public record UnitMeanMetric(String name, String spec) implements Metric {
  @Override
  public Direction direction() {
    return Direction.HIGHER_IS_BETTER;
  }

  @Override
  public MetricKind kind() {
    return MetricKind.MEAN;
  }

  @Override
  public Scale scale() {
    return Scale.UNIT;
  }

  @Override
  public MetricSample sample(List<Score> scores) {
    return MeanMetric.unit(name).sample(scores);
  }
}
