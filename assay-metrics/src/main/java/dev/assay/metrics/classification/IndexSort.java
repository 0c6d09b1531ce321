package dev.assay.metrics.classification;

/**
 * Arg-sort of a double array without boxing: a bottom-up merge sort of indices, O(n log n), so
 * ranking metrics on a million examples need no {@code Integer[]}.
 */
final class IndexSort {
  private IndexSort() {}

  /** Indices of {@code keys} ordered by decreasing key (ties in increasing index order). */
  static int[] descending(double[] keys) {
    int n = keys.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // Stable: take from the left run unless the right key is strictly larger.
          b[k++] = keys[a[j]] > keys[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
