package dev.assay.stats.bootstrap;

/**
 * The BCa acceleration {@code a} from leave-one-unit-out jackknife values.
 *
 * <p>With {@code U_i = (n_g - 1)(θ̄_g - θ_(i))} for unit i of group g (n_g units, θ̄_g the mean of
 * that group's jackknife values):
 * {@code a = Σ_g Σ_i U_i³ / n_g³ / (6 (Σ_g Σ_i U_i² / n_g²)^{3/2})} (Efron and Tibshirani 1993,
 * §14.3 and eq. 14.15; the multi-sample form used by scipy.stats.bootstrap). For one group it
 * reduces to {@code Σ d³ / (6 (Σ d²)^{3/2})}, d = θ̄ - θ_(i). Units are clusters when the
 * bootstrap is clustered. When the jackknife values are all equal, {@code a = 0}.
 */
final class JackknifeAcceleration {

  private JackknifeAcceleration() {}

  static double of(double[] leaveOneOut, ResamplingUnits units) {
    double numerator = 0;
    double denominator = 0;
    for (int g = 0; g < units.groupCount; g++) {
      int from = units.groupUnitStart[g];
      int to = units.groupUnitStart[g + 1];
      int n = to - from;
      if (n < 2) {
        throw new IllegalStateException("BCa needs at least 2 resampling units per sample, got "
            + n + "; use the percentile interval");
      }
      double mean = 0;
      for (int u = from; u < to; u++) {
        mean += leaveOneOut[u];
      }
      mean /= n;
      double cubes = 0;
      double squares = 0;
      for (int u = from; u < to; u++) {
        double influence = (n - 1) * (mean - leaveOneOut[u]);
        squares += influence * influence;
        cubes += influence * influence * influence;
      }
      double n2 = (double) n * n;
      numerator += cubes / (n2 * n);
      denominator += squares / n2;
    }
    if (denominator == 0) {
      return 0;
    }
    return numerator / (6 * Math.pow(denominator, 1.5));
  }
}
