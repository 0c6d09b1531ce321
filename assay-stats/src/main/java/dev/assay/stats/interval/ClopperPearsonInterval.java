package dev.assay.stats.interval;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import org.hipparchus.special.Beta;

/**
 * Clopper-Pearson ("exact") interval for a binomial proportion (Clopper and Pearson 1934):
 * lower = Beta⁻¹(α/2; x, n - x + 1) (0 when x = 0), upper = Beta⁻¹(1 - α/2; x + 1, n - x)
 * (1 when x = n). Coverage is at least the nominal level for every p, hence conservative.
 *
 * <p>Beta quantiles are found by bisection of the regularized incomplete beta function to full
 * double precision.
 */
public final class ClopperPearsonInterval {

  private ClopperPearsonInterval() {}

  public static ConfidenceInterval of(long successes, long trials, double confidence) {
    Counts.checkSuccesses(successes, trials);
    double alpha = 1 - Confidence.check(confidence);
    double x = successes;
    double n = trials;
    double lower = successes == 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
    double upper = successes == trials ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
    return new ConfidenceInterval(lower, upper, confidence);
  }

  /** The p-quantile of Beta(a, b), by bisection on [0, 1]. */
  static double betaQuantile(double p, double a, double b) {
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 200 && hi - lo > 0; i++) {
      double mid = 0.5 * (lo + hi);
      if (mid == lo || mid == hi) {
        break;
      }
      if (Beta.regularizedBeta(mid, a, b, 1e-16, 100_000) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
