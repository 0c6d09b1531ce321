package dev.assay.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Versioned schema of one kind of assay database, brought up to date when the file is opened.
 *
 * <p>Invariants: migrations are forward only and applied in version order, each exactly once, in
 * one transaction with the bump of {@code schema_version}, so a crash mid-migration leaves the
 * previous version intact. A file whose version is newer than {@link #latest()} is refused rather
 * than misread. SQLite's {@code application_id} marks which kind of assay database a file is, so
 * the cache file is never opened as a store or the reverse. Other modules declare their own kinds
 * (MLflow tracking) and open them through {@link SqliteFiles#openMigrated}.
 *
 * @param kind what the file is, for messages ("store", "response cache")
 * @param applicationId the value of {@code PRAGMA application_id} for this kind
 * @param migrations the statements that bring version {@code i} to {@code i + 1}, version 1 first
 */
public record Schema(String kind, int applicationId, List<Migration> migrations) {
  /** The statements that create version {@code version} from the one before it. */
  public record Migration(int version, List<String> statements) {}

  public Schema {
    migrations = List.copyOf(migrations);
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1, 2, ... in order");
      }
    }
  }

  /** The version this code writes. */
  int latest() {
    return migrations.size();
  }

  /**
   * Applies the missing migrations to {@code connection} (a writer, autocommit on) and returns the
   * version the file is now at.
   *
   * @throws IllegalStateException naming {@code file} when it is another kind of database or has a
   *     newer schema than this code knows
   */
  int migrate(Connection connection, Path file) {
    try {
      connection.setAutoCommit(false); // the writer's transactions begin IMMEDIATE: one migrator at a time
      try {
        int version = checkedVersion(connection, file);
        for (Migration m : migrations.subList(version, migrations.size())) {
          try (Statement s = connection.createStatement()) {
            for (String sql : m.statements()) {
              s.execute(sql);
            }
          }
          try (PreparedStatement p =
              connection.prepareStatement("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, Instant.now().toString());
            p.executeUpdate();
          }
        }
        connection.commit();
        return latest();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(file + ": cannot prepare the " + kind + " database: " + e.getMessage(), e);
    }
  }

  /** The file's current version, 0 for a new file, after checking that it is ours and not newer. */
  private int checkedVersion(Connection connection, Path file) throws SQLException {
    int appId = queryInt(connection, "PRAGMA application_id");
    boolean hasVersionTable = queryInt(connection,
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") > 0;
    if (!hasVersionTable) {
      int tables = queryInt(connection, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
      if (tables > 0 || appId != 0) {
        throw new IllegalStateException(file + " is not an assay " + kind
            + " (it is another SQLite database); choose another path");
      }
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA application_id = " + applicationId);
        s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      }
      return 0;
    }
    if (appId != applicationId) {
      throw new IllegalStateException(file + " is not an assay " + kind
          + " (its application_id is " + appId + ", expected " + applicationId + "); choose another path");
    }
    int version = queryInt(connection, "SELECT coalesce(max(version), 0) FROM schema_version");
    if (version > latest()) {
      throw new IllegalStateException(file + ": the " + kind + " has schema version " + version
          + ", newer than this assay understands (" + latest() + "); upgrade assay to open it");
    }
    return version;
  }

  private static int queryInt(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
