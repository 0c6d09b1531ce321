package dev.assay.systems.judge;

import dev.assay.core.Direction;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import java.util.List;
import java.util.Map;

/**
 * The {@code judge} metric as described by its spec, before any model is called or any file read:
 * the mean of the judge's per-example scores, higher is better, on the rubric's [min, max] scale.
 *
 * @param spec the spec as written
 * @param params the spec's parameters, checked
 * @param min the lowest score the rubric allows
 * @param max the highest score the rubric allows
 */
record JudgeMetric(String spec, Map<String, String> params, double min, double max) implements Metric {
  JudgeMetric {
    params = Map.copyOf(params);
  }

  /** The name the judge's scores are stored under: {@code judge}. */
  @Override
  public String name() {
    return JudgeScorer.NAME;
  }

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
    return new Scale(min, max, "");
  }

  @Override
  public MetricSample sample(List<Score> scores) {
    return new MeanMetric(name(), direction(), scale()).sample(scores);
  }
}
