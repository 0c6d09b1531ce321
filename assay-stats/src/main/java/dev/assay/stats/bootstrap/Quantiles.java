package dev.assay.stats.bootstrap;

/**
 * Sample quantiles of sorted data by linear interpolation between order statistics (Hyndman and
 * Fan 1996 definition 7; R's default, numpy's 'linear').
 */
final class Quantiles {

  private Quantiles() {}

  static double linear(double[] sorted, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    double fraction = h - lo;
    return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
  }
}
