package dev.assay.monitor.stats;

import dev.assay.stats.ConfidenceInterval;

/**
 * Always-valid inference for a difference in means by the normal-mixture sequential probability
 * ratio test (mSPRT; Johari, Koomen, Pekelis and Walsh 2017/2022, "Always valid inference:
 * continuous monitoring of A/B tests", Operations Research 70(3)). A team may look after every
 * batch of data and stop whenever it likes: the probability that the p-value ever falls below α
 * under the null is at most α, and the confidence sequence covers the true difference at every
 * look simultaneously with probability at least 1 - α.
 *
 * <p>At a look with estimate {@code Δ} of variance {@code V} (treated as known: the plug-in
 * {@code s²_T/n_T + s²_C/n_C}) and a N(0, τ²) mixture over the effect, the likelihood ratio is
 * {@code Λ = sqrt(V/(V+τ²)) exp(τ² Δ² / (2V(V+τ²)))}. The always-valid p-value is the running
 * minimum of {@code min(1, 1/Λ)} over looks; the confidence sequence is {@code Δ ± sqrt(V(V+τ²)/τ²
 * · (ln((V+τ²)/V) + 2 ln(1/α)))}, intersected with the previous looks' intervals.
 *
 * <p>τ sets where the test is most powerful: effects near τ are detected soonest. The readout's
 * default is a tenth of the pooled standard deviation of one unit's metric; see docs/ab-testing.md.
 * Not thread-safe: one instance follows one metric of one experiment.
 */
public final class MixtureSprt {
  private final double tau2;
  private final double alpha;
  private double pValue = 1;
  private double lower = Double.NEGATIVE_INFINITY;
  private double upper = Double.POSITIVE_INFINITY;
  private int looks;

  /**
   * @param tau standard deviation of the mixing distribution over the effect, > 0
   * @param alpha level of the confidence sequence, in (0, 1)
   */
  public MixtureSprt(double tau, double alpha) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be a positive number, got " + tau);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    this.tau2 = tau * tau;
    this.alpha = alpha;
  }

  /**
   * Records one look.
   *
   * @param estimate the difference Δ from all data so far
   * @param variance its variance V (> 0)
   */
  public void look(double estimate, double variance) {
    if (!(variance > 0)) {
      return; // nothing can be said yet (one unit per arm, or no spread)
    }
    looks++;
    double v = variance;
    double logLr = 0.5 * Math.log(v / (v + tau2)) + tau2 * estimate * estimate / (2 * v * (v + tau2));
    pValue = Math.min(pValue, Math.min(1, Math.exp(-logLr)));
    double half = Math.sqrt(v * (v + tau2) / tau2 * (Math.log((v + tau2) / v) + 2 * Math.log(1 / alpha)));
    lower = Math.max(lower, estimate - half);
    upper = Math.min(upper, estimate + half);
    if (lower > upper) {
      // Only possible when the model is wrong (e.g. drifting variance); keep a point, not an empty set.
      double mid = (lower + upper) / 2;
      lower = mid;
      upper = mid;
    }
  }

  /** The always-valid p-value after the looks so far (1 before any). */
  public double pValue() {
    return pValue;
  }

  /** The running intersection of the confidence sequence (infinite before any look). */
  public double lower() {
    return lower;
  }

  public double upper() {
    return upper;
  }

  /** The confidence sequence as an interval at level 1 - α; null before any look. */
  public ConfidenceInterval interval() {
    return looks == 0 ? null : new ConfidenceInterval(lower, upper, 1 - alpha);
  }

  public int looks() {
    return looks;
  }
}
