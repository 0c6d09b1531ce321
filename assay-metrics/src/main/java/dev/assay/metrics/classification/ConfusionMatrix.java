package dev.assay.metrics.classification;

import java.util.List;

/**
 * A weighted confusion matrix over the label classes (true and predicted labels), rows true and
 * columns predicted, as {@code sklearn.metrics.confusion_matrix}.
 *
 * <p>It is the sufficient statistic of every label-based metric: each example adds its weight to
 * one cell, so a bootstrap replicate is the matrix of the resampled weights. Weights are finite
 * and non-negative (1 per example, or bootstrap multiplicities).
 */
public final class ConfusionMatrix {
  private final List<String> labels;
  private final double[][] counts;

  ConfusionMatrix(List<String> labels, double[][] counts) {
    this.labels = List.copyOf(labels);
    this.counts = counts;
  }

  /** The matrix of {@code data} with one weight per example. */
  public static ConfusionMatrix of(ClassificationData data, double[] weights) {
    int[] classes = data.labelClasses();
    int[] position = new int[data.classes().size()];
    for (int j = 0; j < classes.length; j++) {
      position[classes[j]] = j;
    }
    double[][] counts = new double[classes.length][classes.length];
    int[] truth = data.truthIndex();
    int[] predicted = data.predictedIndex();
    for (int i = 0; i < truth.length; i++) {
      counts[position[truth[i]]][position[predicted[i]]] += weights[i];
    }
    return new ConfusionMatrix(data.labels(classes), counts);
  }

  public static ConfusionMatrix of(ClassificationData data) {
    return of(data, data.unitWeights());
  }

  /** Row and column labels, in {@link LabelOrder}. */
  public List<String> labels() {
    return labels;
  }

  /** Weight of examples with true label {@code labels().get(t)} predicted as {@code labels().get(p)}. */
  public double count(int t, int p) {
    return counts[t][p];
  }

  /** A copy of the matrix. */
  public double[][] counts() {
    double[][] copy = new double[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  public int size() {
    return labels.size();
  }

  public double total() {
    double s = 0;
    for (double[] row : counts) {
      for (double v : row) {
        s += v;
      }
    }
    return s;
  }

  /** Weight of examples whose true label is class {@code c} (its support). */
  public double trueTotal(int c) {
    double s = 0;
    for (double v : counts[c]) {
      s += v;
    }
    return s;
  }

  /** Weight of examples predicted as class {@code c}. */
  public double predictedTotal(int c) {
    double s = 0;
    for (double[] row : counts) {
      s += row[c];
    }
    return s;
  }

  public double truePositives(int c) {
    return counts[c][c];
  }

  public double trace() {
    double s = 0;
    for (int c = 0; c < counts.length; c++) {
      s += counts[c][c];
    }
    return s;
  }

  /** Fraction correct; NaN when the total weight is 0. */
  public double accuracy() {
    double total = total();
    return total == 0 ? Double.NaN : trace() / total;
  }

  /**
   * Mean recall over classes that occur as true labels ({@code balanced_accuracy_score}, not
   * adjusted); classes only ever predicted are left out, as scikit-learn does.
   */
  public double balancedAccuracy() {
    double sum = 0;
    int n = 0;
    for (int c = 0; c < counts.length; c++) {
      double support = trueTotal(c);
      if (support > 0) {
        sum += counts[c][c] / support;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Matthews correlation coefficient in its multiclass (R_K) form, as {@code matthews_corrcoef}:
   * 0 when either marginal is constant (scikit-learn's convention for the undefined case).
   */
  public double mcc() {
    double n = total();
    double correct = trace();
    double tp = 0;
    double pp = 0;
    double tt = 0;
    for (int c = 0; c < counts.length; c++) {
      double t = trueTotal(c);
      double p = predictedTotal(c);
      tp += t * p;
      pp += p * p;
      tt += t * t;
    }
    double covTruePred = correct * n - tp;
    double covPredPred = n * n - pp;
    double covTrueTrue = n * n - tt;
    if (covPredPred * covTrueTrue == 0) {
      return 0.0;
    }
    return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
  }

  /** Disagreement weights of Cohen's kappa, over class positions in {@link LabelOrder}. */
  public enum KappaWeighting {
    /** Every disagreement costs 1 (plain kappa). */
    NONE,
    /** A disagreement costs |i - j|. */
    LINEAR,
    /** A disagreement costs (i - j)². */
    QUADRATIC
  }

  /**
   * Cohen's kappa between true and predicted labels, as {@code cohen_kappa_score}; NaN when the
   * expected disagreement is 0 (e.g. a single class), as scikit-learn ≥ 1.6 returns.
   */
  public double cohenKappa(KappaWeighting weighting) {
    return dev.assay.stats.agreement.CohenKappa.of(counts,
        dev.assay.stats.agreement.KappaWeights.valueOf(weighting.name())).estimate();
  }


}
