package dev.assay.monitor.stats;

import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.Confidence;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Differences between a treatment and a control mean from their summaries.
 *
 * <p>{@link #welch}: {@code Δ = x̄_T - x̄_C}, {@code se = sqrt(s²_T/n_T + s²_C/n_C)}, Welch-
 * Satterthwaite degrees of freedom, t interval and p-value: {@code scipy.stats.ttest_ind(t, c,
 * equal_var=False)}. {@link #relativeLift}: {@code Δ / x̄_C} with a delta-method standard error
 * ({@code Var ≈ s²_T/(n_T x̄_C²) + x̄_T² s²_C/(n_C x̄_C⁴)}, the samples independent) and a t
 * interval at the Welch degrees of freedom (a normal one at large n); undefined (NaN estimate) when the control mean is 0.
 */
public final class MeanDifference {
  private MeanDifference() {}

  /** Welch's t on x of each summary (each n >= 2). */
  public static Estimate welch(Moments treatment, Moments control, double confidence) {
    double vt = treatment.varX() / treatment.n();
    double vc = control.varX() / control.n();
    double diff = treatment.meanX() - control.meanX();
    return welch(diff, vt, vc, treatment.n(), control.n(), confidence);
  }

  /**
   * Welch's t from the estimate and the two squared standard errors.
   *
   * @param vt variance of the treatment mean (s²/n)
   * @param vc variance of the control mean
   */
  public static Estimate welch(double diff, double vt, double vc, long nt, long nc, double confidence) {
    if (nt < 2 || nc < 2) {
      throw new IllegalArgumentException("Welch's t needs at least two units per variant");
    }
    double se = Math.sqrt(vt + vc);
    if (!(se > 0)) {
      // No spread at all: the difference is known exactly.
      return new Estimate(diff, 0, new ConfidenceInterval(diff, diff, confidence), diff == 0 ? 1 : 0, "welch",
          Double.POSITIVE_INFINITY);
    }
    double df = (vt + vc) * (vt + vc) / (vt * vt / (nt - 1) + vc * vc / (nc - 1));
    TDistribution t = new TDistribution(df);
    double tq = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double p = 2 * t.cumulativeProbability(-Math.abs(diff / se));
    return new Estimate(diff, se, new ConfidenceInterval(diff - tq * se, diff + tq * se, confidence),
        Math.min(1, p), "welch", df);
  }

  /** {@code (x̄_T - x̄_C) / x̄_C} with a delta-method interval. */
  public static Estimate relativeLift(Moments treatment, Moments control, double confidence) {
    return relativeLift(treatment.meanX(), treatment.varX() / treatment.n(), treatment.n(), control.meanX(),
        control.varX() / control.n(), control.n(), confidence);
  }

  /**
   * {@code (m_T - m_C) / m_C} from two independent means and their variances (s²/n), with a
   * delta-method standard error and a t interval at the Welch degrees of freedom.
   */
  public static Estimate relativeLift(double mt, double vt, long nt, double mc, double vc, long nc,
      double confidence) {
    if (mc == 0) {
      return new Estimate(Double.NaN, Double.NaN, null, Double.NaN, "delta-method", Double.POSITIVE_INFINITY);
    }
    double var = vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc);
    double se = Math.sqrt(var);
    double lift = (mt - mc) / mc;
    if (!(se > 0) || nt < 2 || nc < 2) {
      return normal(lift, se, confidence, "delta-method");
    }
    // The t quantile at the Welch degrees of freedom of the two means: small arms cover better than with z.
    double df = (vt + vc) * (vt + vc) / (vt * vt / (nt - 1) + vc * vc / (nc - 1));
    TDistribution t = new TDistribution(df);
    double tq = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double p = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(lift / se)));
    return new Estimate(lift, se, new ConfidenceInterval(lift - tq * se, lift + tq * se, confidence), p,
        "delta-method", df);
  }

  /** A normal-theory estimate: interval {@code est ± z se}, two-sided p-value against 0. */
  public static Estimate normal(double estimate, double se, double confidence, String method) {
    double z = Confidence.normalQuantile(1 - (1 - confidence) / 2);
    if (!(se > 0)) {
      return new Estimate(estimate, 0, new ConfidenceInterval(estimate, estimate, confidence),
          estimate == 0 ? 1 : 0, method, Double.POSITIVE_INFINITY);
    }
    double p = 2 * Confidence.normalCdf(-Math.abs(estimate / se));
    return new Estimate(estimate, se, new ConfidenceInterval(estimate - z * se, estimate + z * se, confidence),
        Math.min(1, p), method, Double.POSITIVE_INFINITY);
  }
}
