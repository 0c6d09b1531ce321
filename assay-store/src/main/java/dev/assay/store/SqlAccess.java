package dev.assay.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the parts of the store beside {@link SqliteStore} (its registry and audit log) get of it:
 * its single writer under the write lock, its shared reader under the read lock, and connections of
 * their own for long streams. Failures surface as IllegalStateException naming the file.
 */
interface SqlAccess {
  Path file();

  /** Runs {@code action} on the writer, holding the write lock. */
  void write(Write action);

  /** Runs {@code action} on the writer inside one transaction, holding the write lock. */
  default void transaction(Write action) {
    write(writer -> {
      writer.setAutoCommit(false);
      try {
        action.run(writer);
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    });
  }

  /** Runs {@code query} on the shared reader, holding the read lock. */
  <T> T read(Read<T> query);

  /** A new read-only connection (for streams that must not hold the read lock); the caller closes it. */
  Connection openReader();

  @FunctionalInterface
  interface Write {
    void run(Connection writer) throws SQLException;
  }

  @FunctionalInterface
  interface Read<T> {
    T get(Connection reader) throws SQLException;
  }

  /** Whether {@code e} is a constraint violation (a duplicate key, a missing parent row). */
  static boolean isConstraintViolation(SQLException e) {
    return (e.getErrorCode() & 0xFF) == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT.code;
  }
}
