package dev.assay.monitor.profile;

/** How a column is summarised and tested. */
public enum ColumnType {
  /** Numbers: moments, a quantile sketch, a sample, counts in the reference's quantile bins. */
  NUMERIC,
  /** Labels: counts of the most frequent values. */
  CATEGORICAL,
  /** Free text: a sample of sentence embeddings and their centroid, the length distribution. */
  TEXT;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The type named by {@code word} ({@code numeric}, {@code categorical}, {@code text}), or null. */
  public static ColumnType of(String word) {
    for (ColumnType t : values()) {
      if (t.word().equals(word)) {
        return t;
      }
    }
    return null;
  }
}
