package dev.assay.stats.agreement;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Krippendorff's α: agreement among any number of raters, any of whom may have skipped an item
 * (Krippendorff, "Content Analysis", 2004; "Computing Krippendorff's Alpha-Reliability", 2011).
 *
 * <p>From the coincidence matrix o_ck = Σ_u (pairs of values c, k among item u's ratings) / (m_u -
 * 1), over items with m_u ≥ 2 ratings, with n_c = Σ_k o_ck and n = Σ_c n_c:
 * α = 1 - (n - 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck, where δ² is the squared distance of the
 * level of measurement: nominal (1 when the values differ), ordinal ((Σ_{g from c to k} n_g - (n_c
 * + n_k)/2)², over the ranks of the values used), interval ((c - k)²) or ratio (((c - k)/(c +
 * k))²).
 */
public final class KrippendorffAlpha {
  /** The level of measurement, which decides how far apart two values are. */
  public enum Level {
    NOMINAL,
    ORDINAL,
    INTERVAL,
    RATIO;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private KrippendorffAlpha() {}

  /**
   * α of {@code ratings[item][rater]}, NaN for a missing rating.
   *
   * @return α; NaN when no item has two ratings or every pairable rating has one value (no
   *     disagreement is possible)
   */
  public static double of(double[][] ratings, Level level) {
    TreeMap<Double, Integer> index = new TreeMap<>();
    for (double[] item : ratings) {
      for (double v : item) {
        if (!Double.isNaN(v)) {
          if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("a rating must be finite, got " + v);
          }
          index.putIfAbsent(v, 0);
        }
      }
    }
    double[] values = index.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    for (int i = 0; i < values.length; i++) {
      index.put(values[i], i);
    }
    int k = values.length;
    double[][] o = new double[k][k];
    for (double[] item : ratings) {
      double[] present = Arrays.stream(item).filter(v -> !Double.isNaN(v)).toArray();
      int m = present.length;
      if (m < 2) {
        continue;
      }
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < m; b++) {
          if (a != b) {
            o[index.get(present[a])][index.get(present[b])] += 1.0 / (m - 1);
          }
        }
      }
    }
    double[] nc = new double[k];
    double n = 0;
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < k; d++) {
        nc[c] += o[c][d];
      }
      n += nc[c];
    }
    if (n == 0) {
      return Double.NaN;
    }
    double observed = 0;
    double expected = 0;
    for (int c = 0; c < k; c++) {
      for (int d = 0; d < k; d++) {
        double delta = delta2(level, values, nc, c, d);
        observed += o[c][d] * delta;
        expected += nc[c] * nc[d] * delta;
      }
    }
    if (expected == 0) {
      return Double.NaN;
    }
    return 1 - (n - 1) * observed / expected;
  }

  private static double delta2(Level level, double[] values, double[] nc, int c, int d) {
    if (c == d) {
      return 0;
    }
    return switch (level) {
      case NOMINAL -> 1;
      case ORDINAL -> {
        int lo = Math.min(c, d);
        int hi = Math.max(c, d);
        double s = 0;
        for (int g = lo; g <= hi; g++) {
          s += nc[g];
        }
        s -= (nc[c] + nc[d]) / 2;
        yield s * s;
      }
      case INTERVAL -> (values[c] - values[d]) * (values[c] - values[d]);
      case RATIO -> {
        double r = (values[c] - values[d]) / (values[c] + values[d]);
        yield r * r;
      }
    };
  }
}
