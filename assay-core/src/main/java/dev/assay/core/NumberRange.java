package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The documented range of a numeric setting, both ends included, and its words for messages.
 *
 * <p>Invariant: {@link #contains} accepts exactly the finite numbers in {@code [min, max]} (only
 * integers when {@code integer}), compared exactly (no rounding through {@code double}), so
 * {@code 1e-12} is below 0.001 and {@code 1000000000} above 1000 whatever their notation.
 *
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @param integer whether only integers are allowed
 */
public record NumberRange(BigDecimal min, BigDecimal max, boolean integer) {
  public NumberRange {
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
  }

  /** The integers from {@code min} to {@code max}. */
  public static NumberRange integers(long min, long max) {
    return new NumberRange(BigDecimal.valueOf(min), BigDecimal.valueOf(max), true);
  }

  /** The numbers from {@code min} to {@code max}, written as decimals ("0.001"). */
  public static NumberRange decimals(String min, String max) {
    return new NumberRange(new BigDecimal(min), new BigDecimal(max), false);
  }

  /** Whether {@code v} is a number of the right kind within the range. */
  public boolean contains(JsonNode v) {
    if (v == null || !v.isNumber()) {
      return false;
    }
    if (v.isFloatingPointNumber() && !v.isBigDecimal() && !Double.isFinite(v.doubleValue())) {
      return false;
    }
    if (integer && !v.isIntegralNumber()) {
      return false;
    }
    return contains(v.decimalValue());
  }

  public boolean contains(BigDecimal v) {
    return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
  }

  public boolean contains(long v) {
    return contains(BigDecimal.valueOf(v));
  }

  /** False for NaN and infinities. */
  public boolean contains(double v) {
    return Double.isFinite(v) && (!integer || v == Math.rint(v)) && contains(BigDecimal.valueOf(v));
  }

  /** "an integer from 1 to 1,024", "a number from 0.001 to 1,000,000". */
  public String describe() {
    return (integer ? "an integer" : "a number") + " from " + format(min) + " to " + format(max);
  }

  private static String format(BigDecimal v) {
    DecimalFormat f = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(v);
  }
}
