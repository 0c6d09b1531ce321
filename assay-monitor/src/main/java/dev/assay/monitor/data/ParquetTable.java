package dev.assay.monitor.data;

import dev.assay.core.InputException;
import dev.assay.core.io.InputFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A Parquet file read through DuckDB's JDBC driver (an in-memory database per scan): DuckDB
 * decodes the columnar pages on its own threads and hands rows over JDBC. Timestamps arrive as
 * their ISO-8601 text, decimals and integers as doubles.
 *
 * <p>The path is bound as a parameter, never spliced into SQL. DuckDB's own error text names the
 * problem (not a Parquet file, a corrupt page); it becomes an {@link InputException} on the file.
 */
public final class ParquetTable implements Table, ColumnarSource {
  private static final String WHAT = "a Parquet data file";

  private final Path file;
  private final String name;
  private final List<String> columns;
  private final int[] sqlTypes;

  public ParquetTable(Path file, String name) {
    this.file = file;
    this.name = name;
    InputFiles.check(file, name, WHAT);
    List<String> cols = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement("SELECT * FROM read_parquet(?) LIMIT 0")) {
      s.setString(1, file.toString());
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          cols.add(md.getColumnLabel(i));
          types.add(numericName(md.getColumnTypeName(i)) ? Types.DOUBLE : md.getColumnType(i));
        }
      }
    } catch (SQLException e) {
      throw problem(e);
    }
    this.columns = List.copyOf(cols);
    this.sqlTypes = types.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public void scan(RowConsumer consumer) {
    Object[] row = new Object[columns.size()];
    long line = 0;
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
      s.setString(1, file.toString());
      s.setFetchSize(4096);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          line++;
          for (int i = 0; i < row.length; i++) {
            row[i] = value(rs, i + 1, sqlTypes[i]);
          }
          consumer.accept(row, line);
        }
      }
    } catch (SQLException e) {
      throw problem(e);
    }
    if (line == 0) {
      throw new InputException(name, 0, null, "no rows", "a Parquet file with at least one row");
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Whether the column's values are numbers (any integer, decimal or floating type). */
  @Override
  public boolean numeric(String column) {
    int t = sqlTypes[columns.indexOf(column)];
    return t == Types.DOUBLE || t == Types.FLOAT || t == Types.REAL || t == Types.INTEGER || t == Types.BIGINT
        || t == Types.SMALLINT || t == Types.TINYINT || t == Types.DECIMAL || t == Types.NUMERIC;
  }

  /** Whether the column holds text. */
  @Override
  public boolean text(String column) {
    int t = sqlTypes[columns.indexOf(column)];
    return t == Types.VARCHAR || t == Types.CHAR || t == Types.LONGVARCHAR || t == Types.NVARCHAR;
  }

  /** Reads one row of a query over the file; the caller's result reader must not keep the result set. */
  public interface ResultReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @Override
  public String raw(String column) {
    return quote(column);
  }

  @Override
  public String number(String column) {
    return "CAST(" + quote(column) + " AS DOUBLE)";
  }

  @Override
  public String label(String column) {
    return quote(column);
  }

  /** A hundred: a Parquet query reads only its columns' pages. */
  @Override
  public int batch() {
    return 100;
  }

  @Override
  public String relation() {
    return "(SELECT *, file_row_number AS __r FROM read_parquet(?, file_row_number = true))";
  }

  @Override
  public String distrust() {
    return null;
  }

  @Override
  public <T> T single(String sql, ResultReader<T> reader) {
    return DuckDb.single(sql, file.toString(), reader, this::problem);
  }

  @Override
  public void each(String sql, ResultReader<?> perRow) {
    DuckDb.each(sql, file.toString(), perRow, this::problem);
  }

  /** A column name as a quoted SQL identifier. */
  public static String quote(String column) {
    return '"' + column.replace("\"", "\"\"") + '"';
  }

  /**
   * DuckDB's unsigned and 128-bit integers, which its driver reports as {@code Types.OTHER} or a
   * wider type; they are numbers and are read as doubles like every other integer.
   */
  private static boolean numericName(String typeName) {
    return switch (typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT)) {
      case "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT" -> true;
      default -> false;
    };
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    switch (type) {
      case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT,
          Types.DECIMAL, Types.NUMERIC -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
      }
      case Types.BOOLEAN -> {
        boolean b = rs.getBoolean(i);
        return rs.wasNull() ? null : b;
      }
      default -> {
        return rs.getString(i);
      }
    }
  }

  private static Connection connect() throws SQLException {
    return DuckDb.connect();
  }

  private InputException problem(SQLException e) {
    String m = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
    return new InputException(name, 0, null, "cannot read as Parquet: " + m, WHAT);
  }
}
