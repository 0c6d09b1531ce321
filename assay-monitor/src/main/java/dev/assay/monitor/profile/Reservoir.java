package dev.assay.monitor.profile;

import java.util.Arrays;

/**
 * A uniform sample of at most {@code k} items without replacement, chosen as the k items of
 * smallest priority where each row's priority is a hash of (seed, row number). The sample is
 * therefore a function of the data and the seed, not of batching or threads, and every column of
 * one row shares its priority (the samples of two columns are drawn from the same rows where both
 * have values). A binary max-heap on priority keeps insertion at O(log k); with n rows about
 * {@code k ln(n/k)} items are ever inserted.
 *
 * @param <T> item type; callers test {@link #admits} first, so only kept items are ever built or boxed
 */
final class Reservoir<T> {
  private final int k;
  private final long[] priority;
  private final Object[] items;
  private int size;

  Reservoir(int k) {
    this.k = k;
    this.priority = new long[k];
    this.items = new Object[k];
  }

  /** Whether an item of this priority would be kept (cheap test before building the item). */
  boolean admits(long p) {
    return size < k || Long.compareUnsigned(p, priority[0]) < 0;
  }

  void offer(long p, T item) {
    if (size < k) {
      priority[size] = p;
      items[size] = item;
      siftUp(size++);
    } else if (Long.compareUnsigned(p, priority[0]) < 0) {
      priority[0] = p;
      items[0] = item;
      siftDown(0);
    }
  }

  int size() {
    return size;
  }

  /** The kept items in ascending priority order (deterministic). */
  @SuppressWarnings("unchecked")
  java.util.List<T> items() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compareUnsigned(priority[a], priority[b]));
    java.util.List<T> out = new java.util.ArrayList<>(size);
    for (Integer i : order) {
      out.add((T) items[i]);
    }
    return out;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (Long.compareUnsigned(priority[i], priority[parent]) <= 0) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int big = i;
      if (l < size && Long.compareUnsigned(priority[l], priority[big]) > 0) {
        big = l;
      }
      if (r < size && Long.compareUnsigned(priority[r], priority[big]) > 0) {
        big = r;
      }
      if (big == i) {
        return;
      }
      swap(i, big);
      i = big;
    }
  }

  private void swap(int a, int b) {
    long p = priority[a];
    priority[a] = priority[b];
    priority[b] = p;
    Object t = items[a];
    items[a] = items[b];
    items[b] = t;
  }
}
