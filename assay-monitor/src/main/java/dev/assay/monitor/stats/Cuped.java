package dev.assay.monitor.stats;

/**
 * CUPED (Deng, Xu, Kohavi and Walker 2013, "Improving the sensitivity of online controlled
 * experiments by utilizing pre-experiment data"): the metric y of each unit is replaced by
 * {@code y - θ (x - x̄)} with x the unit's pre-period covariate, {@code θ = cov(y, x) / var(x)}
 * estimated on both variants pooled, and x̄ the pooled mean. Because x was fixed before
 * randomisation, the adjustment leaves the expected difference unchanged and removes the share ρ²
 * of the variance that x explains.
 *
 * <p>Works on {@link Moments} of (y, x) per variant: the adjusted group mean is {@code ȳ - θ (x̄_g
 * - x̄)} and its variance {@code s²_y - 2θ s_yx + θ² s²_x}; the difference is then tested with
 * {@link MeanDifference#welch(double, double, double, long, long, double)}. The result equals
 * adjusting every unit and running Welch's t on the adjusted values (tested).
 *
 * @param theta the pooled regression coefficient
 * @param adjusted the Welch estimate of the adjusted difference
 * @param varianceReduction {@code 1 - Var(adjusted Δ) / Var(unadjusted Δ)}
 * @param lift the relative lift of the adjusted means, {@code ȳ_T,adj / ȳ_C,adj - 1}, delta method
 */
public record Cuped(double theta, Estimate adjusted, double varianceReduction, Estimate lift) {

  /** CUPED from per-variant moments of (metric, pre-period covariate). */
  public static Cuped of(Moments treatment, Moments control, double confidence) {
    Moments pooled = new Moments();
    pooled.merge(treatment);
    pooled.merge(control);
    double varX = pooled.varY();
    double theta = varX > 0 ? pooled.covXY() / varX : 0;
    double meanX = pooled.meanY();
    double at = treatment.meanX() - theta * (treatment.meanY() - meanX);
    double ac = control.meanX() - theta * (control.meanY() - meanX);
    double vt = adjustedVariance(treatment, theta) / treatment.n();
    double vc = adjustedVariance(control, theta) / control.n();
    Estimate adjusted = MeanDifference.welch(at - ac, vt, vc, treatment.n(), control.n(), confidence);
    double raw = treatment.varX() / treatment.n() + control.varX() / control.n();
    double reduction = raw > 0 ? 1 - (vt + vc) / raw : 0;
    Estimate lift = MeanDifference.relativeLift(at, vt, treatment.n(), ac, vc, control.n(), confidence);
    return new Cuped(theta, adjusted, reduction, lift);
  }

  private static double adjustedVariance(Moments m, double theta) {
    return Math.max(0, m.varX() - 2 * theta * m.covXY() + theta * theta * m.varY());
  }
}
