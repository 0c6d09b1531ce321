package dev.assay.stats.random;

import java.util.Arrays;

/**
 * The distinct values of some data, ascending, with how often each occurs: what per-value draws
 * ({@link CountTable}) are made over.
 *
 * <p>Invariants: {@code values} strictly ascending, -0.0 counted as 0.0; {@code counts[k] >= 1};
 * the counts add up to the number of values grouped.
 */
public record ValueCounts(double[] values, int[] counts) {

  /**
   * Groups {@code data} (finite values; the array is sorted in place, so pass a copy the caller
   * owns).
   */
  public static ValueCounts of(double[] data) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == 0) {
        data[i] = 0.0; // -0.0 and 0.0 are one value
      }
    }
    Arrays.sort(data);
    int distinct = 0;
    for (int i = 0; i < data.length; i++) {
      if (i == 0 || data[i] != data[i - 1]) {
        distinct++;
      }
    }
    double[] values = new double[distinct];
    int[] counts = new int[distinct];
    int k = -1;
    for (int i = 0; i < data.length; i++) {
      if (i == 0 || data[i] != data[i - 1]) {
        values[++k] = data[i];
      }
      counts[k]++;
    }
    return new ValueCounts(values, counts);
  }

  /** Number of distinct values. */
  public int size() {
    return values.length;
  }
}
