package dev.assay.metrics.classification;

/** How confidences are grouped into bins ({@code sklearn.calibration.calibration_curve}'s strategy). */
public enum Binning {
  /** Equal-width bins on [0, 1]: bin b is (b/B, (b+1)/B], with 0 in the first bin. */
  UNIFORM,
  /**
   * Equal-mass bins: edges at the type-7 quantiles of the confidences (see {@link
   * dev.assay.stats.Percentiles}), each bin (lower, upper]. Tied confidences share a
   * bin, so bins hold equal counts only up to ties, and coincident edges leave empty bins.
   */
  QUANTILE
}
