package dev.assay.systems.judge;

import dev.assay.core.Direction;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import java.util.List;

/**
 * A judged metric whose run value is the mean of per-example values on [0, 1], higher is better
 * ({@code faithfulness}, {@code answer_relevance}), keeping the metric name as written so its
 * scorer can read the judge's parameters back from it.
 *
 * @param name the metric's base name, e.g. {@code faithfulness}
 * @param spec the metric name as written, with its parameters
 */
record SpecifiedMeanMetric(String name, String spec) implements Metric {
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
