package dev.assay.gate;

/** The paired test behind a comparison's p-value ({@code --test}). */
public enum TestChoice {
  /** Paired t-test. */
  T,
  /** Wilcoxon signed-rank test, as scipy.stats.wilcoxon with default arguments. */
  WILCOXON,
  /** Paired permutation (sign-flip) test of the mean difference: the default for non-0/1 metrics. */
  PERMUTATION,
  /** McNemar's exact test: the default for metrics whose values are all 0 or 1. */
  MCNEMAR
}
