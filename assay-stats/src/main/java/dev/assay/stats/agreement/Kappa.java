package dev.assay.stats.agreement;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;

/**
 * An estimated κ with its large-sample standard error.
 *
 * @param estimate κ; NaN when undefined (the raters' margins leave no room for chance
 *     disagreement, e.g. both used one category only)
 * @param standardError the standard error of {@code estimate} (not under the null hypothesis of
 *     chance agreement: the one intervals need); NaN when undefined
 * @param weights the disagreement costs
 * @param n the number of items rated by both raters
 */
public record Kappa(double estimate, double standardError, KappaWeights weights, double n) {
  /**
   * The Wald interval {@code κ ± z·se}, clipped to [-1, 1], at a two-sided confidence level; null
   * when κ or its standard error is undefined.
   */
  public ConfidenceInterval interval(double confidence) {
    if (!Double.isFinite(estimate) || !Double.isFinite(standardError)) {
      return null;
    }
    double z = Confidence.normalQuantile(1 - (1 - Confidence.check(confidence)) / 2);
    double lo = Math.max(-1, estimate - z * standardError);
    double hi = Math.min(1, estimate + z * standardError);
    return new ConfidenceInterval(Math.min(lo, hi), Math.max(lo, hi), confidence);
  }
}
