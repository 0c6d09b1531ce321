package dev.assay.monitor.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to an in-memory DuckDB database that never reach the network. The JDBC jar links
 * the Parquet, JSON and ICU extensions statically; any other extension DuckDB would fetch on first
 * use ({@code autoinstall_known_extensions}) or load from {@code ~/.duckdb}
 * ({@code autoload_known_extensions}) is refused, so a query needing one fails with DuckDB's
 * message instead of downloading code at run time.
 */
public final class DuckDb {
  private DuckDb() {}

  /** A new in-memory database with extension installing and auto-loading switched off. */
  public static Connection connect() throws SQLException {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("the DuckDB driver is not on the class path", e);
    }
    Properties settings = new Properties();
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    return DriverManager.getConnection("jdbc:duckdb:", settings);
  }

  /** Turns DuckDB's error into the caller's exception (an input error on the file). */
  @FunctionalInterface
  public interface Problem {
    RuntimeException of(SQLException e);
  }

  /** Runs {@code sql} with its one parameter bound to {@code path} and reads the single result row. */
  public static <T> T single(String sql, String path, ParquetTable.ResultReader<T> reader, Problem problem) {
    try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, path);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        rs.next(); // an aggregate without GROUP BY always has its one row
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw problem.of(e);
    }
  }

  /** Runs {@code sql} with its one parameter bound to {@code path} and reads every result row. */
  public static void each(String sql, String path, ParquetTable.ResultReader<?> perRow, Problem problem) {
    try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, path);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          perRow.read(rs);
        }
      }
    } catch (SQLException e) {
      throw problem.of(e);
    }
  }
}
