package dev.assay.stats.bootstrap;

import java.util.List;

/**
 * Any statistic of weighted per-example records.
 *
 * <p>Contract: {@code records} are in canonical order; {@code weights[i] >= 0} is the number of
 * times record i occurs in the resample (non-negative integers stored as doubles) and at least one
 * weight is positive. The value must equal the statistic of the multiset in which record i is
 * repeated {@code weights[i]} times (so all-ones weights give the plug-in estimate), must be a pure
 * function of its arguments, and must be safe to call from several threads at once. The weights
 * array must not be modified or retained.
 *
 * @param <R> record type
 */
@FunctionalInterface
public interface RecordStatistic<R> {

  double value(List<R> records, double[] weights);

  /** The weighted mean of {@code f(record)}. */
  static <R> RecordStatistic<R> mean(java.util.function.ToDoubleFunction<R> f) {
    return (records, weights) -> {
      double sum = 0;
      double total = 0;
      for (int i = 0; i < weights.length; i++) {
        if (weights[i] != 0) {
          sum += weights[i] * f.applyAsDouble(records.get(i));
          total += weights[i];
        }
      }
      return sum / total;
    };
  }
}
