package dev.assay.core;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A metric whose run value is the mean of per-example values: exact match, F1, ROUGE, nDCG, a
 * judge's score, accuracy. The mean is summed in the order of the scores, so the run value of a
 * run is reproduced exactly by {@link #value(List)} over its results in dataset order.
 *
 * @param name the metric as written
 * @param direction whether higher values are better
 * @param scale the range of per-example values (and so of the mean)
 */
public record MeanMetric(String name, Direction direction, Scale scale) implements Metric {
  public MeanMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(scale, "scale");
  }

  /** A higher-is-better metric on [0, 1]. */
  public static MeanMetric unit(String name) {
    return new MeanMetric(name, Direction.HIGHER_IS_BETTER, Scale.UNIT);
  }

  @Override
  public MetricKind kind() {
    return MetricKind.MEAN;
  }

  /**
   * @throws IllegalArgumentException naming the position of a score without a value
   */
  @Override
  public MetricSample sample(List<Score> scores) {
    double[] values = new double[scores.size()];
    for (int i = 0; i < values.length; i++) {
      Score s = scores.get(i);
      if (!s.hasValue()) {
        throw new IllegalArgumentException("metric '" + name + "' needs a per-example value, result " + (i + 1)
            + " has none");
      }
      values[i] = s.value();
    }
    return new Values(values);
  }

  /** Per-result values and their weighted mean. */
  private record Values(double[] values) implements MetricSample {
    @Override
    public int size() {
      return values.length;
    }

    @Override
    public double value(double[] weights) {
      double sum = 0;
      double total = 0;
      for (int i = 0; i < values.length; i++) {
        sum += weights[i] * values[i];
        total += weights[i];
      }
      return sum / total;
    }

    @Override
    public Optional<Sums> sums() {
      List<double[]> vectors = new ArrayList<>(values.length);
      for (double v : values) {
        vectors.add(new double[] {v, 1});
      }
      return Optional.of(new Sums(CorpusStatistic.ratioOfSums(), vectors));
    }
  }
}
