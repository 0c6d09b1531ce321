package dev.assay.gate;

import dev.assay.stats.ConfidenceInterval;
import java.util.function.Predicate;

/**
 * A family of nested two-sided intervals for one estimate, one per confidence level: a higher
 * level never gives a narrower interval. Gates use the family to read an interval at the gate's
 * level and to invert it into a p-value.
 */
public interface IntervalSource {
  /** The method, as shown in reports, e.g. {@code "bca"} or {@code "wilson"}. */
  String method();

  /** The interval at a confidence level in (0, 1). */
  ConfidenceInterval at(double confidence);

  /**
   * The standard error of the estimate when the family knows it (the sd of bootstrap replicates);
   * NaN otherwise.
   */
  default double standardError() {
    return Double.NaN;
  }

  /** The smallest p-value this family can resolve (e.g. about 2/B for a bootstrap). */
  default double resolution() {
    return 1e-12;
  }

  /**
   * The interval-inversion p-value of a claim: the smallest α for which the (1 - α) interval
   * satisfies {@code claim}, found by bisection (the claim is monotone in α because intervals are
   * nested); 1 when even the narrowest interval does not satisfy it. Since the interval is
   * two-sided, this is twice the one-sided p-value, and {@code p <= α} exactly when the
   * (1 - α) interval satisfies the claim.
   */
  default double invert(Predicate<ConfidenceInterval> claim) {
    double narrow = 1 - 1e-9;
    if (!claim.test(at(1 - narrow))) {
      return 1;
    }
    double lo = resolution();
    if (claim.test(at(1 - lo))) {
      return lo;
    }
    // Bisection on log(α): p-values span many orders of magnitude; 1e-4 relative precision
    // is far below what any report prints.
    double logLo = Math.log(lo);
    double logHi = Math.log(narrow);
    while (logHi - logLo > 1e-4) {
      double mid = 0.5 * (logLo + logHi);
      if (claim.test(at(1 - Math.exp(mid)))) {
        logHi = mid;
      } else {
        logLo = mid;
      }
    }
    return Math.exp(logHi);
  }
}
