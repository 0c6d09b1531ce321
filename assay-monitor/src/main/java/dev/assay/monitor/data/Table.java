package dev.assay.monitor.data;

import java.util.List;

/**
 * Rows of named columns, read as a stream (so a table of any size needs memory for one row).
 *
 * <p>Values are {@link Double} (numbers), {@link String}, {@link Boolean} or null (missing). A
 * table whose values all arrive as text (CSV) says so with {@link #textual()}; readers of numeric
 * columns then parse them. {@link #scan} may be called more than once and reads the same rows each
 * time.
 */
public interface Table {
  /** The source as the user named it, for messages. */
  String name();

  /** Column names in order, known before the first row. */
  List<String> columns();

  /** True when every value arrives as a string and numbers must be parsed (CSV). */
  default boolean textual() {
    return false;
  }

  /**
   * Calls {@code consumer} once per row in order. The array is reused between rows: copy what you
   * keep.
   *
   * @throws dev.assay.core.InputException on a malformed row, naming the file and line
   */
  void scan(RowConsumer consumer);

  /** Receives one row. */
  @FunctionalInterface
  interface RowConsumer {
    /**
     * @param values one value per column of {@link #columns()}
     * @param line the row's 1-based line in the file (its row number where there are no lines)
     */
    void accept(Object[] values, long line);
  }
}
