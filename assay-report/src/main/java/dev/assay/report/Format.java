package dev.assay.report;

import dev.assay.stats.ConfidenceInterval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting shared by HTML, Markdown and plots: four significant digits, NaN as "–". */
public final class Format {
  private Format() {}

  public static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e6 || a < 1e-4) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A signed difference: {@code +0.05}. */
  public static String signed(double v) {
    String s = num(v);
    return v > 0 ? "+" + s : s;
  }

  public static String interval(ConfidenceInterval ci) {
    return ci == null ? "–" : "[" + num(ci.lower()) + ", " + num(ci.upper()) + "]";
  }

  /** {@code 0.75 [0.61, 0.86]}. */
  public static String estimate(Estimate e) {
    return num(e.value()) + " " + interval(e.ci());
  }

  /** A count: an integer when whole. */
  public static String count(double c) {
    return c == Math.rint(c) && Math.abs(c) < 1e15 ? Long.toString((long) c) : num(c);
  }

  /** {@code 95%}. */
  public static String percent(double level) {
    return new BigDecimal(level * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "%";
  }
}
