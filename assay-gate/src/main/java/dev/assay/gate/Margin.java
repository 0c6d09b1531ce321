package dev.assay.gate;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A non-negative margin: absolute (in the metric's units) or relative (a percentage of the
 * baseline mean).
 *
 * @param value the absolute margin, or the percentage when relative (2 means 2%)
 * @param relative whether {@code value} is a percentage of |baseline mean|
 */
public record Margin(double value, boolean relative) {
  public static final Margin ZERO = new Margin(0, false);

  public Margin {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("margin must be finite and >= 0, got " + value);
    }
  }

  /**
   * The margin in the metric's units. A relative margin treats the observed baseline mean as
   * fixed, ignoring its own sampling error (documented in docs/gates.md).
   */
  public double absolute(double baselineMean) {
    return relative ? value / 100 * Math.abs(baselineMean) : value;
  }

  /** As written in a gate file: {@code 0.02} or {@code 2%}. */
  @Override
  public String toString() {
    String v = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return relative ? v + "%" : v;
  }

  /** Parses {@code 0.02} or {@code "2%"}; null when the text is not a margin. */
  public static Margin parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    boolean relative = t.endsWith("%");
    if (relative) {
      t = t.substring(0, t.length() - 1).trim();
    }
    try {
      double v = Double.parseDouble(t);
      return v >= 0 && Double.isFinite(v) ? new Margin(v, relative) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
