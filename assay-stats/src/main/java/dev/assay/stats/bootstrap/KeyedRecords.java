package dev.assay.stats.bootstrap;

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
    Integer[] order = new Integer[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> ids.get(a).compareTo(ids.get(b)));
    // Sorted, equal ids are adjacent: cheaper than a hash set at a million examples.
    for (int j = 1; j < order.length; j++) {
      String id = ids.get(order[j]);
      if (id.equals(ids.get(order[j - 1]))) {
        throw new IllegalArgumentException("duplicate example id '" + id + "'");
      }
    }
    List<String> sortedIds = new ArrayList<>(order.length);
    List<String> sortedClusters = clusterKeys == null ? null : new ArrayList<>(order.length);
    List<R> sortedRecords = new ArrayList<>(order.length);
    for (Integer i : order) {
      sortedIds.add(ids.get(i));
      sortedRecords.add(records.get(i));
      if (sortedClusters != null) {
        sortedClusters.add(clusterKeys.get(i));
      }
    }
    return new KeyedRecords<>(
        Collections.unmodifiableList(sortedIds),
        sortedClusters == null ? null : Collections.unmodifiableList(sortedClusters),
        Collections.unmodifiableList(sortedRecords));
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
