package dev.assay.monitor.stats;

import dev.assay.stats.ConfidenceInterval;

/**
 * A difference between variants with its standard error, interval and two-sided p-value against
 * zero.
 *
 * @param estimate point estimate
 * @param standardError its estimated standard error
 * @param interval confidence interval
 * @param pValue two-sided p-value of "no difference"
 * @param method computation used, e.g. {@code "welch"}, {@code "delta-method"}
 * @param df degrees of freedom of the t reference distribution; infinite for a normal one
 */
public record Estimate(double estimate, double standardError, ConfidenceInterval interval, double pValue,
    String method, double df) {

  /**
   * The two-sided p-value of "the true value is at most {@code boundary}" read off the same
   * reference distribution as the interval: the smallest α whose (1 - α) interval lies strictly
   * above the boundary (interval inversion, as the offline gates do).
   */
  public double pAbove(double boundary) {
    if (!(standardError > 0)) {
      return estimate > boundary ? 0 : 1;
    }
    double z = (estimate - boundary) / standardError;
    double tail = Double.isInfinite(df) ? dev.assay.stats.Confidence.normalCdf(-z)
        : new org.hipparchus.distribution.continuous.TDistribution(df).cumulativeProbability(-z);
    return Math.min(1, 2 * tail);
  }
}
