package dev.assay.monitor.stats;

/**
 * The population stability index over shared bins: {@code PSI = Σ (aᵢ - eᵢ) ln(aᵢ / eᵢ)} with
 * {@code eᵢ} the reference's and {@code aᵢ} the current data's share of bin i (Siddiqi 2006;
 * Yurdakul 2018). It is the symmetrised Kullback-Leibler divergence of the binned distributions.
 *
 * <p>An empty bin would make the index infinite, so each share is floored at {@link #FLOOR}
 * (10⁻⁴, the value Evidently uses) before the sum; shares are not renormalised after flooring.
 * Conventional reading: below 0.1 no material change, 0.1-0.25 moderate, above 0.25 significant.
 */
public final class PopulationStability {
  /** Smallest share used for a bin, so an empty bin adds a large but finite term. */
  public static final double FLOOR = 1e-4;

  private PopulationStability() {}

  /**
   * PSI from counts per bin.
   *
   * @param reference reference counts (sum > 0)
   * @param current current counts in the same bins (sum > 0)
   */
  public static double index(long[] reference, long[] current) {
    if (reference.length != current.length || reference.length == 0) {
      throw new IllegalArgumentException("PSI needs the same non-zero number of bins on both sides");
    }
    double rt = sum(reference);
    double ct = sum(current);
    if (rt <= 0 || ct <= 0) {
      throw new IllegalArgumentException("PSI of an empty distribution");
    }
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      double e = Math.max(reference[i] / rt, FLOOR);
      double a = Math.max(current[i] / ct, FLOOR);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  private static double sum(long[] v) {
    double s = 0;
    for (long x : v) {
      if (x < 0) {
        throw new IllegalArgumentException("negative count " + x);
      }
      s += x;
    }
    return s;
  }
}
