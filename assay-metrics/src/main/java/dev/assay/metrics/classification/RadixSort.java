package dev.assay.metrics.classification;

/**
 * Least-significant-digit radix sort of {@code long} keys in unsigned ascending order, optionally
 * carrying a {@code double} payload per key. Stable; O(n) per byte that varies among the keys
 * (bytes equal in every key are skipped), so a million keys sort in a fraction of the time of a
 * comparison sort, which is what puts ROC AUC on a million examples in tens of milliseconds.
 */
final class RadixSort {
  private RadixSort() {}

  /** Sorts {@code keys} (unsigned) and permutes {@code payload} (may be null) alongside. */
  static void sort(long[] keys, double[] payload) {
    int n = keys.length;
    if (n < 2) {
      return;
    }
    int[][] counts = new int[8][256];
    for (long k : keys) {
      for (int d = 0; d < 8; d++) {
        counts[d][(int) (k >>> (8 * d)) & 0xFF]++;
      }
    }
    long[] src = keys;
    long[] dst = new long[n];
    double[] srcW = payload;
    double[] dstW = payload == null ? null : new double[n];
    for (int d = 0; d < 8; d++) {
      int[] count = counts[d];
      int shift = 8 * d;
      if (count[(int) (src[0] >>> shift) & 0xFF] == n) {
        continue; // every key has this byte: the pass would not move anything
      }
      int[] next = new int[256];
      int sum = 0;
      for (int b = 0; b < 256; b++) {
        next[b] = sum;
        sum += count[b];
      }
      if (srcW == null) {
        for (int i = 0; i < n; i++) {
          long k = src[i];
          dst[next[(int) (k >>> shift) & 0xFF]++] = k;
        }
      } else {
        for (int i = 0; i < n; i++) {
          long k = src[i];
          int to = next[(int) (k >>> shift) & 0xFF]++;
          dst[to] = k;
          dstW[to] = srcW[i];
        }
      }
      long[] t = src;
      src = dst;
      dst = t;
      double[] tw = srcW;
      srcW = dstW;
      dstW = tw;
    }
    if (src != keys) {
      System.arraycopy(src, 0, keys, 0, n);
      if (payload != null) {
        System.arraycopy(srcW, 0, payload, 0, n);
      }
    }
  }
}
