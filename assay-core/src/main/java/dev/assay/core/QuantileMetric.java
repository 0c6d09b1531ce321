package dev.assay.core;

import dev.assay.stats.Percentiles;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A metric whose run value is a quantile of per-example values (latency p95, the maximum): type 7,
 * numpy's default ({@link Percentiles}). Under bootstrap weights it is the quantile of the multiset
 * in which each result appears as often as its weight, so a comparison bootstraps the difference
 * of the two quantiles, never of means.
 *
 * @param name the metric as written
 * @param direction whether higher values are better
 * @param scale the range of per-example values
 * @param fraction the quantile, in [0, 1] (0.95 for p95, 1 for the maximum)
 */
public record QuantileMetric(String name, Direction direction, Scale scale, double fraction) implements Metric {
  public QuantileMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(scale, "scale");
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("quantile fraction must be in [0, 1], got " + fraction);
    }
  }

  @Override
  public MetricKind kind() {
    return MetricKind.QUANTILE;
  }

  @Override
  public MetricSample sample(List<Score> scores) {
    int n = scores.size();
    double[] values = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      Score s = scores.get(i);
      if (!s.hasValue()) {
        throw new IllegalArgumentException("metric '" + name + "' needs a per-example value, result " + (i + 1)
            + " has none");
      }
      values[i] = s.value();
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] sorted = new double[n];
    int[] position = new int[n];
    for (int k = 0; k < n; k++) {
      sorted[k] = values[order[k]];
      position[k] = order[k];
    }
    return new MetricSample() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public double value(double[] weights) {
        double[] multiplicity = new double[n];
        for (int k = 0; k < n; k++) {
          multiplicity[k] = weights[position[k]];
        }
        return Percentiles.linear(sorted, multiplicity, fraction);
      }

      @Override
      public double value() {
        return Percentiles.linear(sorted, fraction);
      }
    };
  }
}
