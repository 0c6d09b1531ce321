package dev.assay.gate;

/** How a comparison's confidence interval is computed ({@code --interval}). */
public enum IntervalChoice {
  /** Paired bootstrap, bias-corrected and accelerated (the default). */
  BCA,
  /** Paired bootstrap, percentile. */
  PERCENTILE,
  /** Student-t interval of the mean difference. */
  T
}
