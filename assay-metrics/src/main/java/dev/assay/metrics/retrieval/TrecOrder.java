package dev.assay.metrics.retrieval;

import java.util.Arrays;

/**
 * Sorts one topic's documents into trec_eval's order: score descending, ties broken by document
 * id in descending byte order ({@code strcmp(b, a)}); 0.0 and -0.0 tie, as in C.
 *
 * <p>Fast path: each document becomes one {@code long} holding the top 44 bits of an
 * order-preserving encoding of its score and its index in the low 20 bits, sorted with {@link
 * Arrays#sort(long[])}; documents whose keys share those 44 bits (ties, or scores equal in their
 * first 44 bits) are then ordered exactly. Rankings of 2^20 documents or more use a merge sort.
 */
final class TrecOrder {
  private static final int INDEX_BITS = 20;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

  private TrecOrder() {}

  /** True when (s1, d1) ranks before (s2, d2). */
  static boolean before(double s1, String d1, double s2, String d2) {
    if (s1 != s2) {
      return s1 > s2;
    }
    return DocIds.compare(d1, d2) > 0;
  }

  /** The permutation that puts (docids, scores) in trec_eval order. Scores are not NaN. */
  static int[] sort(String[] d, double[] s) {
    int n = d.length;
    int[] order = new int[n];
    if (n > INDEX_MASK) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      mergeSort(order, new int[n], 0, n, d, s);
      return order;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (descendingKey(s[i]) & ~INDEX_MASK) | i;
    }
    Arrays.sort(keys);
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] & INDEX_MASK);
    }
    // Entries sharing a key prefix are adjacent; order each such group exactly.
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || (keys[i] & ~INDEX_MASK) != (keys[start] & ~INDEX_MASK)) {
        if (i - start > 1) {
          insertionSort(order, start, i, d, s);
        }
        start = i;
      }
    }
    return order;
  }

  /** A signed long whose natural order is the descending order of {@code score}. */
  static long descendingKey(double score) {
    long bits = Double.doubleToLongBits(score == 0 ? 0.0 : score);
    // Unsigned ascending encoding: flip the sign bit of positives, every bit of negatives.
    long ascending = bits ^ ((bits >> 63) | Long.MIN_VALUE);
    // Complement for descending, then flip the sign bit so signed order equals unsigned order.
    return ~ascending ^ Long.MIN_VALUE;
  }

  private static void insertionSort(int[] a, int lo, int hi, String[] d, double[] s) {
    for (int i = lo + 1; i < hi; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= lo && before(s[x], d[x], s[a[j]], d[a[j]])) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private static void mergeSort(int[] a, int[] tmp, int lo, int hi, String[] d, double[] s) {
    if (hi - lo <= 16) {
      insertionSort(a, lo, hi, d, s);
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid, d, s);
    mergeSort(a, tmp, mid, hi, d, s);
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && !before(s[tmp[j]], d[tmp[j]], s[tmp[i]], d[tmp[i]]))) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
