package dev.assay.stats;

/** Whether a test or power calculation spends alpha on one tail or splits it over two. */
public enum Sides {
  /** alpha/2 in each tail. */
  TWO_SIDED,
  /** all of alpha in the tail of the hypothesised direction. */
  ONE_SIDED;

  /** The normal critical value {@code z} with tail area alpha (one-sided) or alpha/2 (two-sided). */
  public double normalCritical(double alpha) {
    Confidence.check(alpha);
    return Confidence.normalQuantile(1 - tailArea(alpha));
  }

  /** The probability in one tail: alpha/2 when two-sided, alpha when one-sided. */
  public double tailArea(double alpha) {
    return this == TWO_SIDED ? alpha / 2 : alpha;
  }
}
