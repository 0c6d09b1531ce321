package dev.assay.stats.bootstrap;

import java.util.List;

/**
 * The canonical order of example ids: the permutation that sorts them ascending by {@link
 * String#compareTo}. Ids must be non-null and distinct; a duplicate is reported by name.
 *
 * <p>Why not {@code Arrays.sort(Integer[], comparator)}: at a million ids the boxed positions and
 * the comparator's indirection cost a few hundred milliseconds and tens of megabytes of garbage.
 * This is a merge sort of {@code int} positions over an array of the ids, with the same result
 * (distinct ids have exactly one sorted order).
 */
final class CanonicalOrder {

  /** Runs up to this length are sorted by insertion before merging. */
  private static final int INSERTION_RUN = 24;

  private CanonicalOrder() {}

  /**
   * Positions of {@code ids} in canonical order: {@code ids.get(order[0]) < ids.get(order[1]) <
   * ...}.
   *
   * @throws IllegalArgumentException if two ids are equal
   */
  static int[] of(List<String> ids) {
    String[] keys = ids.toArray(new String[0]);
    int n = keys.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (!ascending(keys)) {
      int[] scratch = order.clone();
      sort(keys, scratch, order, 0, n);
    }
    // Sorted, equal ids are adjacent: cheaper than a hash set at a million examples.
    for (int j = 1; j < n; j++) {
      if (keys[order[j]].equals(keys[order[j - 1]])) {
        throw new IllegalArgumentException("duplicate example id '" + keys[order[j]] + "'");
      }
    }
    return order;
  }

  /** Whether the ids are already in non-decreasing order (often so for stored runs). */
  private static boolean ascending(String[] keys) {
    for (int i = 1; i < keys.length; i++) {
      if (keys[i - 1].compareTo(keys[i]) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Sorts {@code dst[from, to)}; {@code src} holds the same positions on entry. */
  private static void sort(String[] keys, int[] src, int[] dst, int from, int to) {
    if (to - from <= INSERTION_RUN) {
      insertionSort(keys, dst, from, to);
      return;
    }
    int mid = (from + to) >>> 1;
    // Sort both halves into src, then merge them into dst (the buffers swap roles per level).
    sort(keys, dst, src, from, mid);
    sort(keys, dst, src, mid, to);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && keys[src[i]].compareTo(keys[src[j]]) <= 0)) {
        dst[k] = src[i++];
      } else {
        dst[k] = src[j++];
      }
    }
  }

  private static void insertionSort(String[] keys, int[] a, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int p = a[i];
      String key = keys[p];
      int j = i - 1;
      while (j >= from && keys[a[j]].compareTo(key) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = p;
    }
  }
}
