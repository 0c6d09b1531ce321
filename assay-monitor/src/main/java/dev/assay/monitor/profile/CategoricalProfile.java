package dev.assay.monitor.profile;

import java.util.Map;

/**
 * A categorical column.
 *
 * @param name column
 * @param count values
 * @param missing nulls
 * @param invalid always 0 (any value is a label)
 * @param categories counts of the tracked labels, most frequent first: in a reference the top
 *     labels; in a current profile the reference's labels (0 when absent)
 * @param other count of every other value
 * @param distinct distinct labels seen (capped at the tracking limit)
 * @param unseen in a current profile, the most frequent labels the reference never had, with counts
 */
public record CategoricalProfile(String name, long count, long missing, long invalid, Map<String, Long> categories,
    long other, long distinct, Map<String, Long> unseen) implements ColumnProfile {
  @Override
  public ColumnType type() {
    return ColumnType.CATEGORICAL;
  }
}
