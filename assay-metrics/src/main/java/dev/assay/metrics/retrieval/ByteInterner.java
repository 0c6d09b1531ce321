package dev.assay.metrics.retrieval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps UTF-8 byte ranges to one shared {@link String} per distinct content, so a field that
 * repeats on every line (topic id, run tag) is decoded once, and equal ids are the same object
 * (their hash codes are computed once).
 *
 * <p>Keys are copied into one byte slab; lookups compare bytes, never decode. Not thread-safe:
 * one instance serves one file read.
 */
final class ByteInterner {
  private byte[] slab = new byte[1 << 12];
  private int used;
  private int[] offsets;
  private int[] lengths;
  private int[] hashes;
  private String[] strings;
  /** index + 1 per slot; 0 marks an empty slot. */
  private int[] slots;
  private int size;

  ByteInterner(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    slots = new int[capacity];
    offsets = new int[capacity / 2];
    lengths = new int[capacity / 2];
    hashes = new int[capacity / 2];
    strings = new String[capacity / 2];
  }

  /** The string of the UTF-8 bytes {@code b[from, to)} (valid UTF-8). */
  String intern(byte[] b, int from, int to) {
    int len = to - from;
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    int mask = slots.length - 1;
    int i = mix(h) & mask;
    int slot;
    while ((slot = slots[i]) != 0) {
      int k = slot - 1;
      if (hashes[k] == h && lengths[k] == len && Arrays.equals(slab, offsets[k], offsets[k] + len, b, from, to)) {
        return strings[k];
      }
      i = (i + 1) & mask;
    }
    if (used + len > slab.length) {
      slab = Arrays.copyOf(slab, Math.max(slab.length * 2, used + len));
    }
    System.arraycopy(b, from, slab, used, len);
    String s = new String(b, from, len, StandardCharsets.UTF_8);
    offsets[size] = used;
    lengths[size] = len;
    hashes[size] = h;
    strings[size] = s;
    used += len;
    slots[i] = ++size;
    if (size * 2 >= slots.length) {
      grow();
    }
    return s;
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    int half = slots.length / 2;
    offsets = Arrays.copyOf(offsets, half);
    lengths = Arrays.copyOf(lengths, half);
    hashes = Arrays.copyOf(hashes, half);
    strings = Arrays.copyOf(strings, half);
    int mask = slots.length - 1;
    for (int slot : old) {
      if (slot != 0) {
        int i = mix(hashes[slot - 1]) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  private static int mix(int h) {
    h *= 0x9E37_79B9;
    return h ^ (h >>> 16);
  }
}
