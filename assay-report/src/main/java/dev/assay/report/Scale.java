package dev.assay.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from data values to pixels, with "nice" tick values (1, 2 or 5 times a power of
 * ten). Invariant: the domain has positive width; a degenerate domain is widened around its value.
 */
public record Scale(double lo, double hi, double from, double to) {
  public Scale {
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      double mid = Double.isFinite(lo) ? lo : 0;
      lo = mid - pad;
      hi = mid + pad;
    }
  }

  /** The pixel of {@code v}; values outside the domain map outside the range. */
  public double map(double v) {
    return from + (v - lo) / (hi - lo) * (to - from);
  }

  /** About {@code count} nice tick values inside the domain. */
  public List<Double> ticks(int count) {
    double step = niceStep((hi - lo) / Math.max(1, count));
    List<Double> out = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return out;
  }

  /** The smallest step of 1, 2 or 5 times a power of ten that is at least {@code raw} (> 0). */
  public static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  /** A tick label: as few digits as the tick step needs. */
  public static String label(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) {
      return String.format(java.util.Locale.ROOT, "%.1e", v);
    }
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(4));
    return d.stripTrailingZeros().toPlainString();
  }
}
