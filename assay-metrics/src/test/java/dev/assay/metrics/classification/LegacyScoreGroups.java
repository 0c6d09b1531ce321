package dev.assay.metrics.classification;

import java.util.Arrays;

/**
 * The first ScoreGroups (a primitive sort of the scores, then one binary search per example), kept
 * as a slow test oracle for the radix-sort-and-merge {@link ScoreGroups}.
 *
 * <p>Original description:  * Examples grouped by distinct score, in decreasing score: per group the total weight of positive
 * and of negative examples. This is all a ROC or precision-recall curve depends on, and building
 * it needs only a primitive sort of the scores plus one binary search per example (no index sort,
 * which is several times slower on a million examples because of its random access).
 */
final class LegacyScoreGroups {
  /** Distinct scores, decreasing. */
  final double[] scores;
  /** Positive weight per group. */
  final double[] positive;
  /** Negative weight per group. */
  final double[] negative;

  private LegacyScoreGroups(double[] scores, double[] positive, double[] negative) {
    this.scores = scores;
    this.positive = positive;
    this.negative = negative;
  }

  /** Groups {@code score} (no NaN) by value; {@code weight} may be null for unit weights. */
  static LegacyScoreGroups of(boolean[] isPositive, double[] score, double[] weight) {
    double[] sorted = score.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      // Compare as in the metric definitions: -0.0 and 0.0 are one threshold.
      if (i == 0 || sorted[i] != sorted[distinct - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    double[] ascending = Arrays.copyOf(sorted, distinct);
    double[] positive = new double[distinct];
    double[] negative = new double[distinct];
    for (int e = 0; e < score.length; e++) {
      int g = search(ascending, score[e]);
      double w = weight == null ? 1 : weight[e];
      if (isPositive[e]) {
        positive[g] += w;
      } else {
        negative[g] += w;
      }
    }
    reverse(ascending);
    reverse(positive);
    reverse(negative);
    return new LegacyScoreGroups(ascending, positive, negative);
  }

  int size() {
    return scores.length;
  }

  /** Index of {@code x} in ascending distinct {@code a}, where {@code ==} decides equality. */
  private static int search(double[] a, double x) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else if (a[mid] > x) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    throw new IllegalStateException("score not found: " + x);
  }

  private static void reverse(double[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
