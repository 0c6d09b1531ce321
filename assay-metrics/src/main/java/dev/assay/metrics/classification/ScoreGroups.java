package dev.assay.metrics.classification;

import java.util.Arrays;

/**
 * Examples grouped by distinct score, in decreasing score: per group the total weight of positive
 * and of negative examples. This is all a ROC or precision-recall curve depends on.
 *
 * <p>With few distinct scores, built by hashing each example's score to its group and sorting
 * the distinct scores only (see {@link #hashed}); otherwise by radix-sorting the positives' and
 * the negatives' scores separately (as order-preserving {@code long} keys, weights carried along)
 * and merging the two sorted lists from the top. No comparison sort and no binary search per
 * example: profiled on a million examples, those were the whole cost. {@code -0.0} and {@code 0.0} are one threshold, as the
 * metric definitions compare with {@code ==}.
 */
final class ScoreGroups {
  /** Distinct scores, decreasing. */
  final double[] scores;
  /** Positive weight per group. */
  final double[] positive;
  /** Negative weight per group. */
  final double[] negative;

  private static final long ZERO = key(0.0);

  private ScoreGroups(double[] scores, double[] positive, double[] negative) {
    this.scores = scores;
    this.positive = positive;
    this.negative = negative;
  }

  /** Groups {@code score} (no NaN) by value; {@code weight} may be null for unit weights. */
  static ScoreGroups of(boolean[] isPositive, double[] score, double[] weight) {
    ScoreGroups hashed = hashed(isPositive, score, weight, Math.max(1 << 10, score.length / 16));
    return hashed != null ? hashed : sorted(isPositive, score, weight);
  }

  /**
   * Groups through a hash table of distinct scores, then sorts only the distinct scores: O(n)
   * while the scores take few distinct values (rounded scores, rule scores, small models), the
   * common case. Null when there are more than {@code limit} distinct scores (the table would no
   * longer fit in cache; {@link #sorted} is then faster). Weights are added in example order, so
   * sums are those of a plain loop over the examples.
   */
  static ScoreGroups hashed(boolean[] isPositive, double[] score, double[] weight, int limit) {
    int capacity = Integer.highestOneBit(limit * 2 - 1) << 1;
    int shift = 64 - Integer.numberOfTrailingZeros(capacity);
    long[] keys = new long[capacity];
    int[] slots = new int[capacity]; // group + 1; 0 = empty
    long[] groupKey = new long[limit];
    double[] pos = new double[limit];
    double[] neg = new double[limit];
    int groups = 0;
    boolean negativeZero = false;
    for (int e = 0; e < score.length; e++) {
      negativeZero |= Double.doubleToRawLongBits(score[e]) == Long.MIN_VALUE;
      long key = key(score[e]);
      int i = (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
      int g;
      while (true) {
        int slot = slots[i];
        if (slot == 0) {
          if (groups == limit) {
            return null;
          }
          g = groups++;
          slots[i] = g + 1;
          keys[i] = key;
          groupKey[g] = key;
          break;
        }
        if (keys[i] == key) {
          g = slot - 1;
          break;
        }
        i = (i + 1) & (capacity - 1);
      }
      double w = weight == null ? 1 : weight[e];
      if (isPositive[e]) {
        pos[g] += w;
      } else {
        neg[g] += w;
      }
    }
    long[] order = java.util.Arrays.copyOf(groupKey, groups);
    double[] which = new double[groups];
    for (int g = 0; g < groups; g++) {
      which[g] = g;
    }
    RadixSort.sort(order, which);
    double[] scores = new double[groups];
    double[] positive = new double[groups];
    double[] negative = new double[groups];
    for (int r = 0; r < groups; r++) {
      int g = (int) which[groups - 1 - r];
      long top = order[groups - 1 - r];
      scores[r] = negativeZero && top == ZERO ? -0.0 : value(top);
      positive[r] = pos[g];
      negative[r] = neg[g];
    }
    return new ScoreGroups(scores, positive, negative);
  }

  /** Groups by radix-sorting positives and negatives separately and merging them from the top. */
  static ScoreGroups sorted(boolean[] isPositive, double[] score, double[] weight) {
    int n = score.length;
    boolean unit = weight == null || allOnes(weight);
    int positives = 0;
    for (boolean p : isPositive) {
      positives += p ? 1 : 0;
    }
    long[] pos = new long[positives];
    long[] neg = new long[n - positives];
    double[] posWeight = unit ? null : new double[positives];
    double[] negWeight = unit ? null : new double[n - positives];
    int p = 0;
    int q = 0;
    // Both zeros share a key; like a sort of the raw scores, the group then reports -0.0 if any.
    boolean negativeZero = false;
    for (int e = 0; e < n; e++) {
      negativeZero |= Double.doubleToRawLongBits(score[e]) == Long.MIN_VALUE;
      long key = key(score[e]);
      if (isPositive[e]) {
        if (!unit) {
          posWeight[p] = weight[e];
        }
        pos[p++] = key;
      } else {
        if (!unit) {
          negWeight[q] = weight[e];
        }
        neg[q++] = key;
      }
    }
    RadixSort.sort(pos, posWeight);
    RadixSort.sort(neg, negWeight);
    double[] scores = new double[n];
    double[] positive = new double[n];
    double[] negative = new double[n];
    int groups = 0;
    int i = pos.length - 1;
    int j = neg.length - 1;
    while (i >= 0 || j >= 0) {
      long top = i < 0 ? neg[j] : j < 0 ? pos[i] : (Long.compareUnsigned(pos[i], neg[j]) >= 0 ? pos[i] : neg[j]);
      // Stable sorts keep a tie in example order; summing it in that order gives the same bits
      // as adding weights example by example.
      int topPos = i;
      while (i >= 0 && pos[i] == top) {
        i--;
      }
      int topNeg = j;
      while (j >= 0 && neg[j] == top) {
        j--;
      }
      double pw = 0;
      double nw = 0;
      for (int k = i + 1; k <= topPos; k++) {
        pw += unit ? 1 : posWeight[k];
      }
      for (int k = j + 1; k <= topNeg; k++) {
        nw += unit ? 1 : negWeight[k];
      }
      scores[groups] = negativeZero && top == ZERO ? -0.0 : value(top);
      positive[groups] = pw;
      negative[groups] = nw;
      groups++;
    }
    return new ScoreGroups(Arrays.copyOf(scores, groups), Arrays.copyOf(positive, groups),
        Arrays.copyOf(negative, groups));
  }

  int size() {
    return scores.length;
  }

  /** An unsigned key whose order is the order of {@code score}; both zeros map to one key. */
  static long key(double score) {
    long bits = Double.doubleToLongBits(score == 0 ? 0.0 : score);
    // Positives: set the sign bit so they sort above negatives; negatives: flip every bit.
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /** The score of {@link #key}. */
  static double value(long key) {
    return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
  }

  private static boolean allOnes(double[] weight) {
    for (double w : weight) {
      if (w != 1) {
        return false;
      }
    }
    return true;
  }
}
