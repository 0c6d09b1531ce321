package dev.assay.stats.interval;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998a, method 3), without
 * continuity correction: the set of p whose score test does not reject,
 * {@code (x + z²/2 ± z √(x(n-x)/n + z²/4)) / (n + z²)}, z = Φ⁻¹(1 - α/2).
 *
 * <p>Invariants: bounds lie in [0, 1]; the lower bound is 0 exactly when x = 0 and the upper is 1
 * exactly when x = n.
 */
public final class WilsonInterval {

  private WilsonInterval() {}

  public static ConfidenceInterval of(long successes, long trials, double confidence) {
    Counts.checkSuccesses(successes, trials);
    double alpha = 1 - Confidence.check(confidence);
    double z = Confidence.normalQuantile(1 - alpha / 2);
    double n = trials;
    double x = successes;
    double z2 = z * z;
    double centre = (x + z2 / 2) / (n + z2);
    double half = z * Math.sqrt(x * (n - x) / n + z2 / 4) / (n + z2);
    double lower = successes == 0 ? 0 : Math.max(0, centre - half);
    double upper = successes == trials ? 1 : Math.min(1, centre + half);
    return new ConfidenceInterval(lower, upper, confidence);
  }
}
