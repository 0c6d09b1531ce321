package dev.assay.metrics.text;

/**
 * Interns token strings, given as spans of a larger string, as dense int ids without creating a
 * {@link String} per token. Two spans get the same id if and only if their chars are equal.
 *
 * <p>Not thread-safe: one instance serves one computation at a time. {@link #local} hands each
 * thread a reusable instance, cleared in time proportional to the tokens it held: allocating and
 * zeroing a fresh table per sentence was a third of corpus BLEU's time once tokenizing got cheap.
 */
final class TokenIds {
  /**
   * Tables grown beyond this many slots (or with more than 4x as many chars) are not kept for
   * reuse: a huge document must not pin memory in every thread that scored it.
   */
  private static final int KEEP_LIMIT = 1 << 16;
  private static final ThreadLocal<TokenIds> LOCAL = new ThreadLocal<>();

  private char[] chars = new char[256];
  private int used;
  private int[] starts;
  private int[] lengths;
  private int[] hashes;
  /** id + 1 per slot; 0 marks an empty slot. */
  private int[] slots;
  /** The slot of each id, so that {@link #clear()} empties exactly the slots in use. */
  private int[] slotOf;
  private int size;

  TokenIds(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    slots = new int[capacity];
    starts = new int[capacity / 2];
    lengths = new int[capacity / 2];
    hashes = new int[capacity / 2];
    slotOf = new int[capacity / 2];
  }

  /** An empty instance owned by the calling thread; a second call clears the first one's tokens. */
  static TokenIds local(int expected) {
    TokenIds ids = LOCAL.get();
    if (ids == null || ids.slots.length > KEEP_LIMIT || ids.chars.length > 4 * KEEP_LIMIT) {
      ids = new TokenIds(expected);
      LOCAL.set(ids);
    } else {
      ids.clear();
    }
    return ids;
  }

  /** Forgets every token; ids start again at 0. */
  void clear() {
    for (int id = 0; id < size; id++) {
      slots[slotOf[id]] = 0;
    }
    size = 0;
    used = 0;
  }

  int size() {
    return size;
  }

  /** The id of the token {@code s[start, end)}. */
  int id(String s, int start, int end) {
    int len = end - start;
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    int mask = slots.length - 1;
    int i = mix(h) & mask;
    int slot;
    while ((slot = slots[i]) != 0) {
      int id = slot - 1;
      if (hashes[id] == h && lengths[id] == len && sameChars(s, start, starts[id], len)) {
        return id;
      }
      i = (i + 1) & mask;
    }
    if (used + len > chars.length) {
      chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
    }
    s.getChars(start, end, chars, used);
    starts[size] = used;
    lengths[size] = len;
    hashes[size] = h;
    slotOf[size] = i;
    used += len;
    slots[i] = ++size;
    if (size * 2 >= slots.length) {
      grow();
    }
    return size - 1;
  }

  /** Ids of the tokens of {@code s}, which are separated by single ASCII spaces (or s is empty). */
  int[] spaceSeparated(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    int count = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ' ') {
        count++;
      }
    }
    int[] out = new int[count];
    int start = 0;
    int k = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == ' ') {
        out[k++] = id(s, start, i);
        start = i + 1;
      }
    }
    return out;
  }

  private boolean sameChars(String s, int start, int at, int len) {
    for (int j = 0; j < len; j++) {
      if (s.charAt(start + j) != chars[at + j]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    starts = java.util.Arrays.copyOf(starts, slots.length / 2);
    lengths = java.util.Arrays.copyOf(lengths, slots.length / 2);
    hashes = java.util.Arrays.copyOf(hashes, slots.length / 2);
    slotOf = new int[slots.length / 2];
    int mask = slots.length - 1;
    for (int slot : old) {
      if (slot != 0) {
        int i = mix(hashes[slot - 1]) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
        slotOf[slot - 1] = i;
      }
    }
  }

  private static int mix(int h) {
    h *= 0x9E37_79B9;
    return h ^ (h >>> 16);
  }
}
