package dev.assay.core;

import java.util.Locale;

/**
 * The range a metric's values can take, so that intervals can be kept inside it (a difference of
 * two 0–1 values lies in [-1, 1]) and reports can label axes.
 *
 * <p>Invariants: {@code lower < upper}; either bound may be infinite.
 *
 * @param lower the smallest possible value
 * @param upper the largest possible value
 * @param unit a short unit for people: {@code ""}, {@code "ms"}, {@code "tokens"}...
 */
public record Scale(double lower, double upper, String unit) {
  /** Fractions and rates: exact match, F1, accuracy, recall, nDCG. */
  public static final Scale UNIT = new Scale(0, 1, "");
  /** Percent scores as sacreBLEU prints them: BLEU, chrF. */
  public static final Scale PERCENT = new Scale(0, 100, "");
  /** Any non-negative quantity: losses, counts, costs. */
  public static final Scale NON_NEGATIVE = new Scale(0, Double.POSITIVE_INFINITY, "");
  /** No known bounds: a score file's unknown column. */
  public static final Scale UNBOUNDED = new Scale(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "");
  /** Correlations and agreement: MCC, Cohen's kappa. */
  public static final Scale CORRELATION = new Scale(-1, 1, "");

  public Scale {
    if (!(lower < upper)) {
      throw new IllegalArgumentException("scale bounds must satisfy lower < upper, got " + lower + ", " + upper);
    }
    unit = unit == null ? "" : unit;
  }

  /** Non-negative values in {@code unit}. */
  public static Scale nonNegative(String unit) {
    return new Scale(0, Double.POSITIVE_INFINITY, unit);
  }

  /** Whether both bounds are finite. */
  public boolean bounded() {
    return Double.isFinite(lower) && Double.isFinite(upper);
  }

  /** The range of a difference of two values on this scale: [lower - upper, upper - lower]. */
  public Scale difference() {
    double width = upper - lower;
    return new Scale(-width, width, unit);
  }

  /** {@code v} moved into [lower, upper]. */
  public double clamp(double v) {
    return Math.max(lower, Math.min(upper, v));
  }

  /** {@code [0, 1]}, {@code [0, inf)} and the like, for docs and reports. */
  @Override
  public String toString() {
    return (Double.isInfinite(lower) ? "(" : "[") + bound(lower) + ", " + bound(upper)
        + (Double.isInfinite(upper) ? ")" : "]")
        + (unit.isEmpty() ? "" : " " + unit);
  }

  private static String bound(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
  }
}
