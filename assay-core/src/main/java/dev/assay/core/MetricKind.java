package dev.assay.core;

import java.util.Locale;

/**
 * How a metric's run value arises from its examples, which decides how two runs are compared.
 *
 * <ul>
 *   <li>{@link #MEAN}: the mean of per-example values (exact match, F1, ROUGE, nDCG, accuracy):
 *       compared by a paired bootstrap of the mean difference and a paired test of per-example
 *       differences.
 *   <li>{@link #CORPUS}: a function of the whole set of examples that is not a mean of their values
 *       (BLEU, chrF, f1_macro, MCC, ROC AUC, ECE, sums, geometric means): compared by a paired
 *       bootstrap that recomputes the corpus statistic on every replicate.
 *   <li>{@link #QUANTILE}: a quantile of per-example values (latency p95): compared as the
 *       difference of the two quantiles, bootstrapped.
 * </ul>
 */
public enum MetricKind {
  MEAN,
  CORPUS,
  QUANTILE;

  /** {@code mean}, {@code corpus} or {@code quantile}: the {@code statistic} field of outputs. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
