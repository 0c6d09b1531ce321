package dev.assay.core;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A corpus-level metric computed from sums of vectors derived from each example's value: a total
 * ({@code num_rel_ret}, {@code tokens_out_total}: the vector is the value itself) or a geometric
 * mean ({@code gm_map}: the log of the value and a count). The run value is {@code formula(Σ
 * vector(valueᵢ))}, summed in the order of the scores.
 *
 * @param name the metric as written
 * @param direction whether higher values are better
 * @param scale the range of the run value
 * @param formula the statistic of the summed vectors
 * @param vector the vector of one per-example value; its length is {@code formula.dimension()}
 */
public record ValueSumsMetric(String name, Direction direction, Scale scale, CorpusStatistic formula,
    DoubleFunction<double[]> vector) implements Metric {
  public ValueSumsMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(formula, "formula");
    Objects.requireNonNull(vector, "vector");
  }

  /** The sum of per-example values. */
  public static ValueSumsMetric total(String name, Direction direction, Scale scale) {
    return new ValueSumsMetric(name, direction, scale, new CorpusStatistic() {
      @Override
      public int dimension() {
        return 1;
      }

      @Override
      public double value(double[] sums) {
        return sums[0];
      }
    }, v -> new double[] {v});
  }

  /** The geometric mean of per-example values, each raised to at least {@code floor}. */
  public static ValueSumsMetric geometricMean(String name, Direction direction, Scale scale, double floor) {
    return new ValueSumsMetric(name, direction, scale, new CorpusStatistic() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] sums) {
        return Math.exp(sums[0] / sums[1]);
      }
    }, v -> new double[] {Math.log(Math.max(v, floor)), 1});
  }

  @Override
  public MetricKind kind() {
    return MetricKind.CORPUS;
  }

  @Override
  public MetricSample sample(List<Score> scores) {
    List<double[]> vectors = new ArrayList<>(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      if (!s.hasValue()) {
        throw new IllegalArgumentException("metric '" + name + "' needs a per-example value, result " + (i + 1)
            + " has none");
      }
      vectors.add(vector.apply(s.value()));
    }
    return MetricSample.ofSums(formula, vectors);
  }
}
