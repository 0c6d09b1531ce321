package dev.assay.core;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A metric bound to the scores of a set of results: the run value as a function of one weight per
 * result. Weights are bootstrap multiplicities: all ones give the plug-in value; zero leaves a
 * result out.
 *
 * <p>Contract: {@link #value(double[])} takes exactly {@link #size()} finite, non-negative weights
 * with at least one positive, is pure and thread-safe, and must not keep or change the array; it
 * equals the metric over the multiset in which result i appears {@code weights[i]} times. It may
 * return NaN where the metric is undefined (ROC AUC with one class present).
 */
public interface MetricSample {
  int size();

  double value(double[] weights);

  /** The value with every result counted once. */
  default double value() {
    double[] ones = new double[size()];
    Arrays.fill(ones, 1.0);
    return value(ones);
  }

  /**
   * When the value is {@code formula(Σ wᵢ vᵢ)} of per-result vectors: that form, which a comparison
   * uses for a fast paired bootstrap and a paired randomization test. Empty for statistics that are
   * not functions of sums (quantiles, ROC AUC).
   */
  default Optional<Sums> sums() {
    return Optional.empty();
  }

  /**
   * The sample whose value is {@code formula(Σ wᵢ vᵢ)}: vectors are summed in their order, so the
   * value with all weights one is the formula of the plain sums, bit for bit.
   */
  static MetricSample ofSums(CorpusStatistic formula, List<double[]> vectors) {
    Sums sums = new Sums(formula, vectors);
    int d = formula.dimension();
    return new MetricSample() {
      @Override
      public int size() {
        return sums.vectors().size();
      }

      @Override
      public double value(double[] weights) {
        double[] total = new double[d];
        List<double[]> v = sums.vectors();
        for (int i = 0; i < weights.length; i++) {
          double w = weights[i];
          if (w != 0) {
            double[] x = v.get(i);
            for (int j = 0; j < d; j++) {
              total[j] += w * x[j];
            }
          }
        }
        return formula.value(total);
      }

      @Override
      public Optional<Sums> sums() {
        return Optional.of(sums);
      }
    };
  }

  /**
   * A value that is a function of weighted sums of per-result vectors.
   *
   * @param formula the statistic of summed vectors; its dimension is every vector's length
   * @param vectors one per result, aligned with the sample
   */
  record Sums(CorpusStatistic formula, List<double[]> vectors) {
    public Sums {
      vectors = List.copyOf(vectors);
      for (double[] v : vectors) {
        if (v.length != formula.dimension()) {
          throw new IllegalArgumentException("a vector has " + v.length + " statistics, the formula needs "
              + formula.dimension());
        }
      }
    }
  }
}
