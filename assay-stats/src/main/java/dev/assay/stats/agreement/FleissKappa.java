package dev.assay.stats.agreement;

/**
 * Fleiss' κ: chance-corrected agreement among several raters who put each item into one of k
 * categories (Fleiss 1971, Psychol. Bull. 76:378-382).
 *
 * <p>Input: for each item, how many raters chose each category ({@code counts[item][category]}).
 * With m_i the raters of item i, P_i = Σ_j n_ij(n_ij - 1) / (m_i(m_i - 1)) is the share of agreeing
 * rater pairs on item i, P̄ their mean, p_j = Σ_i n_ij / Σ_i m_i the share of ratings in category
 * j, P̄_e = Σ_j p_j², and κ = (P̄ - P̄_e)/(1 - P̄_e). Fleiss defined it for a constant number of
 * raters per item; items rated by different numbers of raters use the same formulas (each item's
 * P_i over its own pairs, the category shares over all ratings), which reduce to Fleiss' when m is
 * constant. Items with fewer than two ratings have no pairs and are left out.
 */
public final class FleissKappa {
  private FleissKappa() {}

  /**
   * The estimate.
   *
   * @param agreement P̄, the mean share of agreeing pairs
   * @param chance P̄_e, the agreement expected by chance
   * @param kappa (P̄ - P̄_e)/(1 - P̄_e); NaN when P̄_e = 1 (every rating in one category)
   * @param items items with at least two ratings
   */
  public record Result(double agreement, double chance, double kappa, int items) {}

  public static Result of(int[][] counts) {
    if (counts.length == 0) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    int k = counts[0].length;
    double[] categoryTotals = new double[k];
    double ratings = 0;
    double agreementSum = 0;
    int items = 0;
    for (int[] row : counts) {
      if (row.length != k) {
        throw new IllegalArgumentException("every item needs a count for each of the " + k + " categories");
      }
      long m = 0;
      long pairs = 0;
      for (int c : row) {
        if (c < 0) {
          throw new IllegalArgumentException("a count must be >= 0, got " + c);
        }
        m += c;
        pairs += (long) c * (c - 1);
      }
      if (m < 2) {
        continue;
      }
      items++;
      agreementSum += (double) pairs / ((double) m * (m - 1));
      for (int j = 0; j < k; j++) {
        categoryTotals[j] += row[j];
      }
      ratings += m;
    }
    if (items == 0) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double agreement = agreementSum / items;
    double chance = 0;
    for (double t : categoryTotals) {
      chance += (t / ratings) * (t / ratings);
    }
    double kappa = 1 - chance < 1e-15 ? Double.NaN : (agreement - chance) / (1 - chance);
    return new Result(agreement, chance, kappa, items);
  }
}
