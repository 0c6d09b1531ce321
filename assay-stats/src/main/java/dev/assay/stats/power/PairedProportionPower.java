package dev.assay.stats.power;

import dev.assay.stats.Confidence;
import dev.assay.stats.Sides;

/**
 * Power of McNemar's test for paired proportions from the discordant rates
 * p₁₀ = P(candidate right, baseline wrong) and p₀₁ = P(baseline right, candidate wrong), by
 * Connor's normal approximation (Connor 1987, Biometrics 43:207-211), with ψ = p₁₀ + p₀₁ and
 * δ = p₁₀ - p₀₁ (the difference of the two success rates):
 * {@code power = Φ((|δ|√n - z_α √ψ) / √(ψ - δ²))} and
 * {@code n = ⌈(z_α √ψ + z_β √(ψ - δ²))² / δ²⌉}, z_α the two-sided (1 - α/2) or one-sided (1 - α)
 * normal quantile, z_β = Φ⁻¹(power). It approximates the unconditional asymptotic McNemar test;
 * the exact conditional test is more conservative, so its realised power is somewhat lower at
 * small n. The minimum detectable effect holds ψ fixed at the observed discordant rate.
 */
public final class PairedProportionPower {

  private PairedProportionPower() {}

  /** Achieved power with n pairs. */
  public static double power(double candidateOnlyRate, double baselineOnlyRate, int n,
      double alpha, Sides sides) {
    checkRates(candidateOnlyRate, baselineOnlyRate);
    Confidence.check(alpha);
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    return powerOf(candidateOnlyRate + baselineOnlyRate, candidateOnlyRate - baselineOnlyRate, n,
        sides.normalCritical(alpha), sides);
  }

  private static double powerOf(double psi, double delta, int n, double zAlpha, Sides sides) {
    double effect = sides == Sides.TWO_SIDED ? Math.abs(delta) : delta;
    double spread = Math.sqrt(Math.max(0, psi - delta * delta));
    double numerator = effect * Math.sqrt(n) - zAlpha * Math.sqrt(psi);
    if (spread == 0) {
      return numerator > 0 ? 1 : numerator == 0 ? 0.5 : 0;
    }
    return Confidence.normalCdf(numerator / spread);
  }

  /** Smallest number of pairs reaching the target power (δ must be non-zero). */
  public static int sampleSize(double candidateOnlyRate, double baselineOnlyRate, double alpha,
      double targetPower, Sides sides) {
    checkRates(candidateOnlyRate, baselineOnlyRate);
    Confidence.check(alpha);
    Confidence.check(targetPower);
    double psi = candidateOnlyRate + baselineOnlyRate;
    double delta = candidateOnlyRate - baselineOnlyRate;
    if (delta == 0 || (sides == Sides.ONE_SIDED && delta < 0)) {
      throw new IllegalArgumentException("no sample size reaches the target power when the "
          + "discordant rates are " + candidateOnlyRate + " and " + baselineOnlyRate);
    }
    double zAlpha = sides.normalCritical(alpha);
    double zBeta = Confidence.normalQuantile(targetPower);
    double root = zAlpha * Math.sqrt(psi) + zBeta * Math.sqrt(psi - delta * delta);
    return (int) Math.ceil(root * root / (delta * delta) - 1e-9);
  }

  /**
   * Smallest difference of success rates δ in (0, ψ] detectable with the target power at the
   * discordant rate ψ, or NaN when even δ = ψ (every discordant pair favours the candidate) falls
   * short.
   */
  public static double minimumDetectableEffect(double discordantRate, int n, double alpha,
      double targetPower, Sides sides) {
    if (!(discordantRate > 0 && discordantRate <= 1)) {
      throw new IllegalArgumentException("discordant rate must be in (0, 1], got "
          + discordantRate);
    }
    Confidence.check(alpha);
    Confidence.check(targetPower);
    double zAlpha = sides.normalCritical(alpha);
    if (powerOf(discordantRate, discordantRate, n, zAlpha, sides) < targetPower) {
      return Double.NaN;
    }
    return Search.smallestReal(0, discordantRate,
        d -> powerOf(discordantRate, d, n, zAlpha, sides) >= targetPower);
  }

  private static void checkRates(double p10, double p01) {
    if (!(p10 >= 0 && p01 >= 0 && p10 + p01 <= 1 && p10 + p01 > 0)) {
      throw new IllegalArgumentException("discordant rates must be >= 0 with a positive sum <= 1,"
          + " got " + p10 + " and " + p01);
    }
  }
}
