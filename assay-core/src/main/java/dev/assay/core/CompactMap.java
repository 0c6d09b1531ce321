package dev.assay.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable map in insertion order, held as one array of alternating keys and values: the
 * per-result maps of a run ({@link ExampleResult#scores()}, {@link ExampleResult#metricErrors()})
 * have a few entries each and there are hundreds of thousands of them, where a {@link
 * LinkedHashMap} costs an entry object per pair and a table besides.
 *
 * <p>Invariants: keys are unique and non-null; iteration is in insertion order; equality and hash
 * code are those of every {@link Map}; nothing changes it after construction. Lookups scan the
 * keys, so {@link #copyOf} keeps this form only up to {@value #MAX_ENTRIES} entries.
 */
public final class CompactMap<K, V> extends AbstractMap<K, V> {
  /** Above this many entries a copy is a (wrapped) {@link LinkedHashMap}: lookups stay constant-time. */
  static final int MAX_ENTRIES = 16;

  private final Object[] keysAndValues;

  private CompactMap(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  /**
   * An unmodifiable copy of {@code map} in its iteration order; {@code map} itself when it is
   * already a {@code CompactMap} (there is nothing to copy).
   */
  @SuppressWarnings("unchecked")
  public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
    if (map instanceof CompactMap<?, ?> c) {
      return (Map<K, V>) c;
    }
    if (map.size() > MAX_ENTRIES) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
    Object[] kv = new Object[2 * map.size()];
    int i = 0;
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      kv[i++] = Objects.requireNonNull(e.getKey(), "key");
      kv[i++] = e.getValue();
    }
    return new CompactMap<>(kv);
  }

  /**
   * The map of {@code keys[i] -> values[i]} for i below {@code size}, in that order (the arrays are
   * copied; a builder that knows its entries need no intermediate map).
   *
   * @throws IllegalArgumentException when a key repeats
   */
  public static <K, V> Map<K, V> of(K[] keys, V[] values, int size) {
    if (size > MAX_ENTRIES) {
      Map<K, V> m = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        if (m.put(Objects.requireNonNull(keys[i], "key"), values[i]) != null || m.size() != i + 1) {
          throw new IllegalArgumentException("duplicate key " + keys[i]);
        }
      }
      return Collections.unmodifiableMap(m);
    }
    Object[] kv = new Object[2 * size];
    for (int i = 0; i < size; i++) {
      Objects.requireNonNull(keys[i], "key");
      for (int j = 0; j < i; j++) {
        if (keys[j].equals(keys[i])) {
          throw new IllegalArgumentException("duplicate key " + keys[i]);
        }
      }
      kv[2 * i] = keys[i];
      kv[2 * i + 1] = values[i];
    }
    return new CompactMap<>(kv);
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return keysAndValues.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) keysAndValues[i + 1];
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keysAndValues.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<K, V> next() {
            if (i >= keysAndValues.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<K, V> e = new SimpleImmutableEntry<>((K) keysAndValues[i], (V) keysAndValues[i + 1]);
            i += 2;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return keysAndValues.length / 2;
      }
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      action.accept((K) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
  }
}
