package dev.assay.stats.bootstrap;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Per-example records keyed by example id, optionally grouped into clusters.
 *
 * <p>Invariants: at least one record; ids are non-null and unique; when clustered, every record
 * has a non-null cluster key. Records are held in canonical order (ascending id, by {@link
 * String#compareTo}) whatever order they were given in, so every statistic sees the same sequence
 * and floating-point sums are bitwise reproducible.
 *
 * @param <R> the record type; for a paired comparison one record holds both sides
 */
public final class KeyedRecords<R> {

  private final List<String> ids;
  private final List<String> clusters;
  private final List<R> records;

  private KeyedRecords(List<String> ids, List<String> clusters, List<R> records) {
    this.ids = ids;
    this.clusters = clusters;
    this.records = records;
  }

  /** Unclustered records: each example is its own resampling unit. */
  public static <R> KeyedRecords<R> of(List<String> ids, List<R> records) {
    return build(ids, null, records);
  }

  /**
   * Clustered records: examples sharing a cluster key are resampled together (e.g. several
   * questions about one document).
   */
  public static <R> KeyedRecords<R> clustered(
      List<String> ids, List<String> clusterKeys, List<R> records) {
    Objects.requireNonNull(clusterKeys, "clusterKeys");
    return build(ids, clusterKeys, records);
  }

  private static <R> KeyedRecords<R> build(
      List<String> ids, List<String> clusterKeys, List<R> records) {
    validate(ids, clusterKeys, records);
    int[] order = CanonicalOrder.of(ids);
    return new KeyedRecords<>(permuted(ids, order), permuted(clusterKeys, order),
        permuted(records, order));
  }

  /**
   * The input positions of the examples in canonical order: {@code records().get(i)} is the
   * index in {@code ids} of the example at canonical position i. Validated like {@link #of} and
   * {@link #clustered} ({@code clusterKeys} may be null). For callers that hold their data in
   * arrays: nothing is boxed per example.
   */
  static KeyedRecords<Integer> positions(List<String> ids, List<String> clusterKeys) {
    Objects.requireNonNull(ids, "ids");
    int n = ids.size();
    validate(ids, clusterKeys, new AbstractList<Integer>() {
      @Override
      public Integer get(int index) {
        return index;
      }

      @Override
      public int size() {
        return n;
      }
    });
    int[] order = CanonicalOrder.of(ids);
    List<Integer> positions = new AbstractList<>() {
      @Override
      public Integer get(int index) {
        return order[index];
      }

      @Override
      public int size() {
        return order.length;
      }
    };
    return new KeyedRecords<>(permuted(ids, order), permuted(clusterKeys, order), positions);
  }

  /**
   * Checks ids as {@link #positions} does (non-null, at least one) and that they are distinct, in
   * O(n) without ordering them: for paths that need no canonical order.
   */
  static void requireDistinctIds(List<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no examples: a bootstrap needs at least one record");
    }
    java.util.Set<String> seen = new java.util.HashSet<>(ids.size() * 4 / 3 + 1);
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null) {
        throw new IllegalArgumentException("example id at position " + i + " is null");
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException("duplicate example id '" + id + "'");
      }
    }
  }

  private static void validate(List<String> ids, List<String> clusterKeys, List<?> records) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(records, "records");
    if (ids.size() != records.size()) {
      throw new IllegalArgumentException(
          ids.size() + " ids but " + records.size() + " records: each record needs one id");
    }
    if (clusterKeys != null && clusterKeys.size() != ids.size()) {
      throw new IllegalArgumentException(
          ids.size() + " ids but " + clusterKeys.size() + " cluster keys");
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no examples: a bootstrap needs at least one record");
    }
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null) {
        throw new IllegalArgumentException("example id at position " + i + " is null");
      }
      if (clusterKeys != null && clusterKeys.get(i) == null) {
        throw new IllegalArgumentException("cluster key of example '" + id + "' is null");
      }
      Objects.requireNonNull(records.get(i), () -> "record of example '" + id + "' is null");
    }
  }

  /** The list in canonical order (unmodifiable), or null for a null list. */
  private static <T> List<T> permuted(List<T> list, int[] order) {
    if (list == null) {
      return null;
    }
    List<T> out = new ArrayList<>(order.length);
    for (int i : order) {
      out.add(list.get(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** Number of examples. */
  public int size() {
    return ids.size();
  }

  /** Example ids in canonical order. */
  public List<String> ids() {
    return ids;
  }

  /** Records in canonical order (aligned with {@link #ids()}). */
  public List<R> records() {
    return records;
  }

  /** Whether examples are grouped into clusters. */
  public boolean isClustered() {
    return clusters != null;
  }

  /** The resampling unit key of the example at canonical position i: its cluster, else its id. */
  String unitKey(int i) {
    return clusters == null ? ids.get(i) : clusters.get(i);
  }
}
