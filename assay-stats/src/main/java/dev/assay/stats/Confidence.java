package dev.assay.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/** Validation and normal quantiles shared by every interval and test. */
public final class Confidence {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

  private Confidence() {}

  /**
   * Checks that a confidence level (or a power) lies strictly between 0 and 1.
   *
   * @return the level, for chaining
   * @throws IllegalArgumentException otherwise
   */
  public static double check(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be strictly between 0 and 1, got " + level);
    }
    return level;
  }

  /** Standard normal quantile {@code Φ⁻¹(p)}, p in (0, 1). */
  public static double normalQuantile(double p) {
    return STANDARD_NORMAL.inverseCumulativeProbability(p);
  }

  /** Standard normal distribution function {@code Φ(x)}. */
  public static double normalCdf(double x) {
    return STANDARD_NORMAL.cumulativeProbability(x);
  }
}
