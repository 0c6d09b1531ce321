package dev.assay.monitor.profile;

/** Summarises one column's values as rows stream by. Not thread-safe: one per column and thread. */
interface Accumulator {
  /**
   * @param value the cell (Double, String, Boolean or null)
   * @param priority the row's sampling priority
   */
  void add(Object value, long priority);

  ColumnProfile finish();
}
