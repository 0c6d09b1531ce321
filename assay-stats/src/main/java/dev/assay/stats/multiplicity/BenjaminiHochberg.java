package dev.assay.stats.multiplicity;

/**
 * Benjamini-Hochberg step-up adjustment (Benjamini and Hochberg 1995), controlling the false
 * discovery rate for independent or positively dependent p-values. With p₍₁₎ <= ... <= p₍ₘ₎:
 * {@code adj₍ᵢ₎ = min_{j>=i} min(1, m p₍ⱼ₎ / j)}.
 *
 * <p>Invariants of the result (same order as the input): each adjusted p >= its raw p, <= 1, and
 * adjusted p-values are monotone in the raw p-values. Equals R's {@code p.adjust(p, "BH")}.
 */
public final class BenjaminiHochberg {

  private BenjaminiHochberg() {}

  public static double[] adjust(double[] p) {
    PValues.check(p);
    int m = p.length;
    int[] order = PValues.ascendingOrder(p);
    double[] adjusted = new double[m];
    double running = 1;
    for (int rank = m - 1; rank >= 0; rank--) {
      int i = order[rank];
      running = Math.min(running, Math.min(1, (double) m * p[i] / (rank + 1)));
      // m p / j >= p in exact arithmetic; the max only undoes rounding (e.g. m p / m < p).
      adjusted[i] = Math.max(p[i], running);
    }
    return adjusted;
  }
}
