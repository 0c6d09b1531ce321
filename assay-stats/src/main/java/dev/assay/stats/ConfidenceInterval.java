package dev.assay.stats;

/**
 * A two-sided confidence interval.
 *
 * <p>Invariants: {@code lower <= upper}, neither bound is NaN, and {@code 0 < confidence < 1}.
 *
 * @param lower lower bound
 * @param upper upper bound
 * @param confidence nominal coverage, e.g. 0.95
 */
public record ConfidenceInterval(double lower, double upper, double confidence) {

  public ConfidenceInterval {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException("interval bound is NaN: [" + lower + ", " + upper + "]");
    }
    if (lower > upper) {
      throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
    }
    Confidence.check(confidence);
  }

  /** True when {@code value} lies in the closed interval. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }

  /** {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }
}
