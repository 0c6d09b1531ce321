package dev.assay.metrics.classification;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision, recall and F1 from a {@link ConfusionMatrix}, as {@code
 * precision_recall_fscore_support} with its default {@code zero_division="warn"}: a 0/0 ratio is
 * 0 (scikit-learn also warns; assay does not).
 *
 * <p>F1 is computed from counts, {@code 2 tp / (true + predicted)}, as current scikit-learn does;
 * this equals the harmonic mean of precision and recall up to rounding.
 */
public final class PrecisionRecallF1 {
  private PrecisionRecallF1() {}

  /** The three scores, in the order precision, recall, F1. */
  public record Scores(double precision, double recall, double f1) {}

  /** Per-class scores, in the matrix's label order. */
  public static List<ClassScores> perClass(ConfusionMatrix m) {
    List<ClassScores> out = new ArrayList<>(m.size());
    for (int c = 0; c < m.size(); c++) {
      double tp = m.truePositives(c);
      double t = m.trueTotal(c);
      double p = m.predictedTotal(c);
      out.add(new ClassScores(m.labels().get(c), divide(tp, p), divide(tp, t), divide(2 * tp, t + p), t));
    }
    return out;
  }

  /**
   * Averaged scores. For {@link Average#BINARY}, {@code positive} is the positive label; the task
   * must have at most two label classes and include {@code positive}, otherwise this throws
   * {@link IllegalArgumentException} (callers turn it into an input error).
   */
  public static Scores averaged(ConfusionMatrix m, Average average, String positive) {
    return switch (average) {
      case BINARY -> binary(m, positive);
      case MICRO -> micro(m);
      case MACRO -> mean(perClass(m), false);
      case WEIGHTED -> mean(perClass(m), true);
    };
  }

  private static Scores binary(ConfusionMatrix m, String positive) {
    if (m.size() > 2) {
      throw new IllegalArgumentException(
          "binary averaging needs at most two classes, found " + m.size() + ": " + m.labels());
    }
    int c = m.labels().indexOf(positive);
    if (c < 0 && m.size() < 2) {
      // scikit-learn: an absent positive label in a one-class task scores zero_division (0).
      return new Scores(0, 0, 0);
    }
    if (c < 0) {
      throw new IllegalArgumentException("positive label '" + positive + "' is not among the labels " + m.labels());
    }
    ClassScores s = perClass(m).get(c);
    return new Scores(s.precision(), s.recall(), s.f1());
  }

  private static Scores micro(ConfusionMatrix m) {
    double tp = 0;
    double t = 0;
    double p = 0;
    for (int c = 0; c < m.size(); c++) {
      tp += m.truePositives(c);
      t += m.trueTotal(c);
      p += m.predictedTotal(c);
    }
    return new Scores(divide(tp, p), divide(tp, t), divide(2 * tp, t + p));
  }

  private static Scores mean(List<ClassScores> classes, boolean bySupport) {
    double wsum = 0;
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    for (ClassScores s : classes) {
      double w = bySupport ? s.support() : 1;
      wsum += w;
      precision += w * s.precision();
      recall += w * s.recall();
      f1 += w * s.f1();
    }
    if (wsum == 0) {
      // scikit-learn: weighted average with no support at all is the zero_division value.
      return new Scores(0, 0, 0);
    }
    return new Scores(precision / wsum, recall / wsum, f1 / wsum);
  }

  private static double divide(double num, double den) {
    return den == 0 ? 0 : num / den;
  }
}
