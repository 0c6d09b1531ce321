package dev.assay.stats.ppi;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;

/**
 * A mean estimated with a large-sample normal interval.
 *
 * @param method {@code human_only}, {@code judge_only}, {@code ppi} or {@code ppi++}
 * @param estimate the point estimate
 * @param standardError its standard error; NaN when it cannot be estimated (fewer than two
 *     labelled or unlabelled examples)
 * @param labelled examples with human labels used
 * @param unlabelled examples with only the judge's score used
 * @param lambda the weight of the judge's scores: 1 for PPI, the tuned value for PPI++, 0 for the
 *     human-only estimate, NaN for the judge-only one
 */
public record MeanEstimate(String method, double estimate, double standardError, int labelled, int unlabelled,
    double lambda) {
  /** {@code estimate ± z·se} at a two-sided level; null when the standard error is undefined. */
  public ConfidenceInterval interval(double confidence) {
    if (!Double.isFinite(estimate) || !Double.isFinite(standardError)) {
      return null;
    }
    double z = Confidence.normalQuantile(1 - (1 - Confidence.check(confidence)) / 2);
    return new ConfidenceInterval(estimate - z * standardError, estimate + z * standardError, confidence);
  }
}
