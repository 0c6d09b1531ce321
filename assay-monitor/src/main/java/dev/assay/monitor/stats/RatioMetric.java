package dev.assay.monitor.stats;

/**
 * A ratio metric such as clicks per session, where the unit of randomisation (a user) contributes
 * a numerator x and a denominator y: {@code R = Σx / Σy = x̄ / ȳ}. Units are independent but the
 * sessions within a unit are not, so the variance of R comes from the delta method on the unit
 * means (Deng, Knoblich and Lu 2018, "Applying the delta method in metric analytics"):
 * {@code Var(R) ≈ (σ²ₓ - 2 R σₓᵧ + R² σ²ᵧ) / (n ȳ²)}.
 *
 * <p>The difference of two ratios gets a normal interval with the two variances added.
 */
public final class RatioMetric {
  private RatioMetric() {}

  /** R of one variant from the moments of (numerator, denominator) per unit. */
  public static double ratio(Moments m) {
    return m.meanX() / m.meanY();
  }

  /** The delta-method variance of R. */
  public static double variance(Moments m) {
    double r = ratio(m);
    double my = m.meanY();
    return (m.varX() - 2 * r * m.covXY() + r * r * m.varY()) / (m.n() * my * my);
  }

  /** {@code R_T - R_C} with a normal interval. */
  public static Estimate difference(Moments treatment, Moments control, double confidence) {
    if (treatment.meanY() == 0 || control.meanY() == 0) {
      throw new IllegalArgumentException("a ratio metric with a zero denominator total");
    }
    double diff = ratio(treatment) - ratio(control);
    double se = Math.sqrt(Math.max(0, variance(treatment) + variance(control)));
    return MeanDifference.normal(diff, se, confidence, "delta-method");
  }

  /** {@code R_T / R_C - 1} with a delta-method normal interval (the two ratios independent). */
  public static Estimate relativeLift(Moments treatment, Moments control, double confidence) {
    double rt = ratio(treatment);
    double rc = ratio(control);
    double var = variance(treatment) / (rc * rc) + rt * rt * variance(control) / (rc * rc * rc * rc);
    return MeanDifference.normal(rt / rc - 1, Math.sqrt(Math.max(0, var)), confidence, "delta-method");
  }
}
