package dev.assay.metrics.retrieval;

/**
 * An open-addressing hash table from document id to an int, without boxing.
 *
 * <p>Invariant: keys are distinct and non-null; {@link #get} of an absent key returns {@link
 * #ABSENT}. Not thread-safe while being filled; read-only use after filling is safe to share.
 */
final class DocTable {
  /** Returned by {@link #get} for a key that is not in the table. */
  static final int ABSENT = Integer.MIN_VALUE;

  private String[] keys;
  private int[] hashes;
  private int[] values;
  private int size;

  DocTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new String[cap];
    hashes = new int[cap];
    values = new int[cap];
  }

  int size() {
    return size;
  }

  /** Adds {@code key -> value}; returns false (and changes nothing) when the key is present. */
  boolean putIfAbsent(String key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int h = key.hashCode();
    int i = mix(h) & mask;
    while (keys[i] != null) {
      if (hashes[i] == h && keys[i].equals(key)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = h;
    values[i] = value;
    size++;
    return true;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  int get(String key) {
    return get(key, key.hashCode());
  }

  /** The value of {@code key} whose {@code hashCode()} is {@code h}, or {@link #ABSENT}. */
  int get(String key, int h) {
    int mask = keys.length - 1;
    int i = mix(h) & mask;
    String k;
    // Stored hashes settle most probes without touching a key string (cache misses dominate).
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.equals(key)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return ABSENT;
  }

  /** Calls {@code each} with every key and value, in no particular order. */
  void forEach(java.util.function.ObjIntConsumer<String> each) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        each.accept(keys[i], values[i]);
      }
    }
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    int[] oldValues = values;
    keys = new String[oldKeys.length * 2];
    hashes = new int[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = mix(oldHashes[j]) & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        hashes[i] = oldHashes[j];
        values[i] = oldValues[j];
      }
    }
  }

  private static int mix(int h) {
    // Spread String hashes (weak in the low bits for similar ids) before masking.
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
