package dev.assay.metrics.classification;

/**
 * Threshold-free metrics of a binary score: ROC AUC and average precision, with example weights.
 *
 * <p>Both walk the examples in decreasing score and treat each distinct score as one threshold,
 * so tied scores move the curve diagonally, exactly as {@code sklearn.metrics.roc_curve} and
 * {@code precision_recall_curve} do. O(n log n).
 */
public final class BinaryRanking {
  private BinaryRanking() {}

  /**
   * Area under the ROC curve by the trapezoidal rule over distinct thresholds ({@code
   * roc_auc_score}); equals the probability that a random positive outscores a random negative,
   * ties counting one half. NaN when either class has zero total weight (scikit-learn warns and
   * returns NaN).
   */
  public static double rocAuc(boolean[] positive, double[] score, double[] weight) {
    ScoreGroups groups = ScoreGroups.of(positive, score, weight);
    double tp = 0;
    double fp = 0;
    double area = 0;
    for (int g = 0; g < groups.size(); g++) {
      // Trapezoid from (fp, tp) to (fp + groupFp, tp + groupTp), in unnormalised units.
      area += groups.negative[g] * (tp + groups.positive[g] / 2);
      tp += groups.positive[g];
      fp += groups.negative[g];
    }
    if (tp == 0 || fp == 0) {
      return Double.NaN;
    }
    return area / tp / fp;
  }

  /**
   * Average precision as {@code average_precision_score}: {@code Σ_k (R_k − R_{k−1}) P_k} over
   * distinct thresholds in decreasing order, a step function without interpolation (not the
   * trapezoid). 0 when there is no positive weight, as scikit-learn returns.
   */
  public static double averagePrecision(boolean[] positive, double[] score, double[] weight) {
    ScoreGroups groups = ScoreGroups.of(positive, score, weight);
    double totalPositive = 0;
    for (double p : groups.positive) {
      totalPositive += p;
    }
    if (totalPositive == 0) {
      return 0.0;
    }
    double tp = 0;
    double fp = 0;
    double previousRecall = 0;
    double ap = 0;
    for (int g = 0; g < groups.size(); g++) {
      tp += groups.positive[g];
      fp += groups.negative[g];
      if (tp + fp == 0) {
        continue; // only zero-weight examples so far: scikit-learn drops them.
      }
      double recall = tp / totalPositive;
      ap += (recall - previousRecall) * (tp / (tp + fp));
      previousRecall = recall;
    }
    return ap;
  }
}
