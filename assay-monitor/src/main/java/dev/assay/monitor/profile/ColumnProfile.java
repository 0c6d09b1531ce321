package dev.assay.monitor.profile;

/**
 * The summary of one column. {@link #count()} counts usable values; {@link #missing()} counts
 * nulls (and NaN); {@link #invalid()} counts values of the wrong type (text in a numeric column,
 * infinities): a data-quality signal reported with drift, not an input error.
 */
public sealed interface ColumnProfile permits NumericProfile, CategoricalProfile, TextProfile {
  String name();

  ColumnType type();

  long count();

  long missing();

  long invalid();

  /** Rows seen: count + missing + invalid. */
  default long rows() {
    return count() + missing() + invalid();
  }

  /** Share of rows missing or invalid. */
  default double missingRate() {
    long r = rows();
    return r == 0 ? 0 : (double) (missing() + invalid()) / r;
  }
}
