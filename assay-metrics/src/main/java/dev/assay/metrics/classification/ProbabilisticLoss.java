package dev.assay.metrics.classification;

/**
 * Per-example proper scoring losses of predicted probabilities: log loss and Brier score.
 *
 * <p>Rows are probability vectors over the task's classes; {@code truth[i]} is the column of the
 * true class. Per-example values are returned so a corpus value is their weighted mean and a
 * bootstrap can resample them.
 */
public final class ProbabilisticLoss {
  /** Machine epsilon of a double, scikit-learn's clipping bound since 1.2 ({@code eps="auto"}). */
  public static final double DOUBLE_EPS = Math.ulp(1.0);

  private ProbabilisticLoss() {}

  /**
   * {@code −ln p[truth]} after clipping every probability to {@code [eps, 1 − eps]}, as {@code
   * sklearn.metrics.log_loss} (≥ 1.5; rows are not renormalised). With {@code renormalise}, the
   * clipped row is divided by its sum first, as scikit-learn 1.2–1.4 did.
   */
  public static double logLoss(double[] row, int truth, double eps, boolean renormalise) {
    double p = clip(row[truth], eps);
    if (renormalise) {
      double sum = 0;
      for (double v : row) {
        sum += clip(v, eps);
      }
      p /= sum;
    }
    return -Math.log(p);
  }

  private static double clip(double p, double eps) {
    return Math.min(Math.max(p, eps), 1 - eps);
  }

  /**
   * Squared error between the row and the one-hot truth, as {@code brier_score_loss} (≥ 1.7):
   * for two classes it is {@code (p_pos − y_pos)²}, the classic binary Brier score in [0, 1]
   * (scikit-learn halves the two-column sum); for three or more classes it is the full sum over
   * classes, in [0, 2].
   */
  public static double brier(double[] row, int truth) {
    double sum = 0;
    for (int c = 0; c < row.length; c++) {
      double d = row[c] - (c == truth ? 1 : 0);
      sum += d * d;
    }
    return row.length <= 2 ? sum / 2 : sum;
  }
}
