package dev.assay.stats.multiplicity;

/**
 * Holm's step-down adjustment (Holm 1979), controlling the family-wise error rate under any
 * dependence. With p₍₁₎ <= ... <= p₍ₘ₎: {@code adj₍ᵢ₎ = max_{j<=i} min(1, (m - j + 1) p₍ⱼ₎)}.
 *
 * <p>Invariants of the result (same order as the input): each adjusted p >= its raw p, <= 1, and
 * adjusted p-values are monotone in the raw p-values. Equals R's {@code p.adjust(p, "holm")}.
 */
public final class HolmBonferroni {

  private HolmBonferroni() {}

  public static double[] adjust(double[] p) {
    PValues.check(p);
    int m = p.length;
    int[] order = PValues.ascendingOrder(p);
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
