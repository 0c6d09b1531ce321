package dev.assay.metrics.text;

import java.util.Arrays;

/**
 * Interns n-grams as dense int ids without building a string per n-gram.
 *
 * <p>An n-gram of order 1 is its unit (a token id or a code point); an n-gram of order n is the
 * pair (id of its first n - 1 units, its last unit). Each pair is packed exactly into a {@code
 * long} and looked up in an open-addressing table, so two n-grams get the same id if and only if
 * they are equal unit sequences of the same order (the empty prefix, {@link #NO_PREFIX}, is no
 * n-gram id). Ids are 0, 1, 2, ... in first-seen order across every sequence indexed since the
 * last {@link #clear()}, so counts over several sequences can share one {@code int[]} indexed by id.
 *
 * <p>Not thread-safe: one instance serves one computation at a time. {@link #local} hands each
 * thread reusable instances: clearing is O(1) (slots carry the generation that filled them), which
 * matters because a sentence's table is tens of kilobytes that would otherwise be allocated and
 * zeroed for every example.
 */
final class NgramIds {
  /** The prefix of a unigram. */
  static final int NO_PREFIX = -1;
  /** Tables grown beyond this many slots are not kept for reuse (a huge document must not pin memory). */
  private static final int KEEP_LIMIT = 1 << 16;
  private static final ThreadLocal<NgramIds[]> LOCAL = ThreadLocal.withInitial(() -> new NgramIds[2]);

  /**
   * Slot i is {@code table[2i]} (the key) and {@code table[2i + 1]} (the generation that filled it,
   * high 32 bits, and the id, low 32 bits): one probe reads one cache line. A slot whose
   * generation is not the current one is empty.
   */
  private long[] table;
  private int generation = 1;
  private int shift;
  private int size;

  NgramIds(int expected) {
    allocate(Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1);
  }

  /**
   * An empty table owned by the calling thread. {@code slot} (0 or 1) tells apart tables a caller
   * uses at the same time; a second call with the same slot clears the first table.
   */
  static NgramIds local(int slot, int expected) {
    NgramIds[] mine = LOCAL.get();
    NgramIds table = mine[slot];
    if (table == null || table.capacity() > KEEP_LIMIT) {
      table = new NgramIds(expected);
      mine[slot] = table;
    } else {
      table.clear();
    }
    return table;
  }

  /** Forgets every n-gram; ids start again at 0. */
  void clear() {
    size = 0;
    if (++generation == 0) {
      Arrays.fill(table, 0);
      generation = 1;
    }
  }

  /** Number of distinct n-grams interned so far; every id is below it. */
  int size() {
    return size;
  }

  /** The id of the n-gram (n-gram {@code prefix} or {@link #NO_PREFIX}, then {@code unit}). */
  int id(int prefix, int unit) {
    long key = ((long) prefix << 32) | (unit & 0xFFFF_FFFFL);
    long[] t = table;
    int mask = t.length - 2;
    int i = slot(key);
    long entry;
    while ((int) ((entry = t[i + 1]) >>> 32) == generation) {
      if (t[i] == key) {
        return (int) entry;
      }
      i = (i + 2) & mask;
    }
    t[i] = key;
    t[i + 1] = ((long) generation << 32) | size;
    size++;
    if (size * 2 > capacity()) {
      grow();
    }
    return size - 1;
  }

  /**
   * Ids of every n-gram of orders 1..{@code maxOrder} of {@code units}: element {@code [n - 1][i]}
   * is the n-gram of order n starting at position i (arrays of length {@code max(0, len - n + 1)}).
   */
  int[][] ngrams(int[] units, int maxOrder) {
    int[][] out = new int[maxOrder][];
    int[] previous = null;
    for (int n = 1; n <= maxOrder; n++) {
      int count = Math.max(0, units.length - n + 1);
      int[] grams = new int[count];
      for (int i = 0; i < count; i++) {
        grams[i] = id(n == 1 ? NO_PREFIX : previous[i], units[i + n - 1]);
      }
      out[n - 1] = grams;
      previous = grams;
    }
    return out;
  }

  private int capacity() {
    return table.length / 2;
  }

  private void allocate(int capacity) {
    table = new long[2 * capacity];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  /** The even index of the first slot to probe for {@code key}. */
  private int slot(long key) {
    return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift) << 1;
  }

  private void grow() {
    long[] old = table;
    int live = generation;
    allocate(capacity() * 2);
    generation = 1;
    int mask = table.length - 2;
    for (int j = 0; j < old.length; j += 2) {
      if ((int) (old[j + 1] >>> 32) == live) {
        int i = slot(old[j]);
        while ((int) (table[i + 1] >>> 32) == generation) {
          i = (i + 2) & mask;
        }
        table[i] = old[j];
        table[i + 1] = ((long) generation << 32) | (old[j + 1] & 0xFFFF_FFFFL);
      }
    }
  }
}
