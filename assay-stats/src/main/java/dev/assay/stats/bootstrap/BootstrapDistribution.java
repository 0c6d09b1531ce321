package dev.assay.stats.bootstrap;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * The bootstrap distribution of a statistic: the plug-in estimate and one value per replicate,
 * from which percentile and BCa intervals are read.
 *
 * <p>Invariants: at least one replicate; no replicate value is NaN; replicate {@code r} is a pure
 * function of (seed, r, data), so the whole object is independent of thread count and input order.
 */
public final class BootstrapDistribution {

  private final double estimate;
  private final double[] replicates;
  private final double[] sorted;
  private final DoubleSupplier accelerationSource;
  private double acceleration = Double.NaN;

  BootstrapDistribution(double estimate, double[] replicates, DoubleSupplier accelerationSource) {
    this.estimate = estimate;
    this.replicates = replicates;
    this.sorted = replicates.clone();
    Arrays.sort(sorted);
    this.accelerationSource = accelerationSource;
  }

  /** The statistic on the observed data (every weight 1). */
  public double estimate() {
    return estimate;
  }

  /** Number of bootstrap replicates. */
  public int size() {
    return replicates.length;
  }

  /** A copy of the replicate values, indexed by replicate number. */
  public double[] replicates() {
    return replicates.clone();
  }

  /** Standard deviation of the replicates (divisor B - 1). */
  public double standardError() {
    if (replicates.length < 2) {
      return 0;
    }
    double mean = 0;
    for (double v : replicates) {
      mean += v;
    }
    mean /= replicates.length;
    double ss = 0;
    for (double v : replicates) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (replicates.length - 1));
  }

  /**
   * Percentile interval: the α/2 and 1-α/2 quantiles of the replicates (linear interpolation).
   */
  public ConfidenceInterval percentile(double confidence) {
    double alpha = 1 - Confidence.check(confidence);
    return new ConfidenceInterval(
        Quantiles.linear(sorted, alpha / 2), Quantiles.linear(sorted, 1 - alpha / 2), confidence);
  }

  /**
   * Bias-corrected and accelerated interval (Efron 1987): the replicate quantiles at
   * {@code Φ(z₀ + (z₀ + z)/(1 - a(z₀ + z)))} for {@code z = Φ⁻¹(α/2)} and {@code Φ⁻¹(1-α/2)}.
   *
   * @throws IllegalStateException when every replicate lies strictly on one side of the estimate
   *     (z₀ infinite) or a sample has fewer than two resampling units
   */
  public ConfidenceInterval bca(double confidence) {
    double alpha = 1 - Confidence.check(confidence);
    double z0 = biasCorrection();
    double a = acceleration();
    double lowerLevel = adjustedLevel(z0, a, Confidence.normalQuantile(alpha / 2));
    double upperLevel = adjustedLevel(z0, a, Confidence.normalQuantile(1 - alpha / 2));
    return new ConfidenceInterval(
        Quantiles.linear(sorted, lowerLevel), Quantiles.linear(sorted, upperLevel), confidence);
  }

  private static double adjustedLevel(double z0, double a, double z) {
    double shifted = z0 + z;
    return Confidence.normalCdf(z0 + shifted / (1 - a * shifted));
  }

  /**
   * The BCa bias correction {@code z₀ = Φ⁻¹((#{θ* < θ̂} + #{θ* = θ̂}/2) / B)}. Ties count one half
   * so that a discrete statistic (e.g. accuracy on few examples), whose replicates often equal the
   * estimate exactly, is not biased downwards.
   */
  public double biasCorrection() {
    double below = 0;
    for (double v : replicates) {
      if (v < estimate) {
        below += 1;
      } else if (v == estimate) {
        below += 0.5;
      }
    }
    double p = below / replicates.length;
    if (p <= 0 || p >= 1) {
      throw new IllegalStateException("BCa is undefined: all " + replicates.length
          + " replicates lie on one side of the estimate " + estimate
          + "; use the percentile interval");
    }
    return Confidence.normalQuantile(p);
  }

  /** The BCa acceleration from the jackknife (computed once, on first use). */
  public synchronized double acceleration() {
    if (Double.isNaN(acceleration)) {
      acceleration = accelerationSource.getAsDouble();
    }
    return acceleration;
  }
}
