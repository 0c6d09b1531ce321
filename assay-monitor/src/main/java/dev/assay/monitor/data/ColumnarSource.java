package dev.assay.monitor.data;

import java.util.List;

/**
 * A table DuckDB can aggregate column-wise without handing rows to Java (Parquet; large CSV).
 * Implementations name the relation to read, the 0-based row number in file order, and the SQL
 * for a column's value as a number or as a label, so that a query over them gives what a
 * {@link Table#scan} would give.
 */
public interface ColumnarSource {
  /** The source as the user named it, for messages. */
  String name();

  /** Column names in order. */
  List<String> columns();

  /** Whether the column can be read as numbers (every column of a CSV file can). */
  boolean numeric(String column);

  /** Whether the column can be read as labels (text). */
  boolean text(String column);

  /** SQL: the column's value as it arrives (NULL when missing). */
  String raw(String column);

  /**
   * SQL: the column's value as a DOUBLE (NaN and infinities included), NULL when missing or not
   * a number.
   */
  String number(String column);

  /** SQL: the column's value as a label (VARCHAR), NULL when missing. */
  String label(String column);

  /**
   * Columns per aggregate query: a small batch bounds the aggregate states when reading a column
   * costs nothing for the others (Parquet); CSV is parsed whole by every query, so all at once.
   */
  int batch();

  /**
   * SQL: the relation to read, a FROM item with the source's columns and {@code __r}, the 0-based
   * row number in file order. It holds the query's one parameter, the file's path.
   */
  String relation();

  /**
   * SQL: a condition on a row of the relation that is true when the columnar reading of that row
   * cannot be trusted to equal the row reader's (any such row: {@link ColumnarUnavailable}), or
   * null when it always can.
   */
  String distrust();

  /** Runs {@code sql} (over {@link #relation}, its path bound) and reads its single row. */
  <T> T single(String sql, ParquetTable.ResultReader<T> reader);

  /** Runs {@code sql} (over {@link #relation}, its path bound) and hands every row to {@code perRow}. */
  void each(String sql, ParquetTable.ResultReader<?> perRow);
}
