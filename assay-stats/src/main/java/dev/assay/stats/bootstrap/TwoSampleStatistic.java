package dev.assay.stats.bootstrap;

import java.util.List;

/**
 * A statistic of two independent samples (an unpaired comparison), each with its own weights.
 * Same contract as {@link RecordStatistic} for each sample.
 *
 * @param <R> record type
 */
@FunctionalInterface
public interface TwoSampleStatistic<R> {

  double value(List<R> baseline, double[] baselineWeights, List<R> candidate,
      double[] candidateWeights);

  /** {@code statistic(candidate) - statistic(baseline)}. */
  static <R> TwoSampleStatistic<R> difference(RecordStatistic<R> statistic) {
    return (b, wb, c, wc) -> statistic.value(c, wc) - statistic.value(b, wb);
  }
}
