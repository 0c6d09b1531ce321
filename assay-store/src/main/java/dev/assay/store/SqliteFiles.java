package dev.assay.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens connections to an assay SQLite file with the settings every assay database uses. */
public final class SqliteFiles {
  /** How long a statement waits for another connection's or process's lock before failing. */
  static final int BUSY_TIMEOUT_MS = 10_000;

  private SqliteFiles() {}

  /** The two connections of an open database: the single writer and a query-only reader. */
  public record Connections(Connection writer, Connection reader) {
    /** Closes both after {@code cause}, adding any failure to close to it as suppressed. */
    public void closeAfter(Exception cause) {
      closeQuietly(writer, cause);
      closeQuietly(reader, cause);
    }
  }

  /**
   * Opens the writer, brings the file's schema up to date, then opens the reader; when a step
   * fails, whatever was opened is closed before the failure propagates.
   */
  public static Connections openMigrated(Path file, Durability durability, Schema schema) {
    Connection writer = open(file, durability, true);
    try {
      schema.migrate(writer, file);
      return new Connections(writer, open(file, durability, false));
    } catch (RuntimeException e) {
      closeQuietly(writer, e);
      throw e;
    }
  }

  private static void closeQuietly(Connection c, Exception cause) {
    try {
      c.close();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /**
   * A connection in WAL mode with foreign keys on and a busy timeout. WAL lets readers run beside
   * the single writer and turns a commit into one sequential append to the WAL file.
   *
   * <p>A writer's transactions begin IMMEDIATE: it takes the write lock when the transaction starts,
   * so two processes never deadlock upgrading read locks (which the busy timeout cannot resolve).
   * A reader is {@code query_only}.
   */
  static Connection open(Path file, Durability durability, boolean writer) {
    SqliteNativeLibrary.prepare();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      config.enforceForeignKeys(true);
      config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(durability.synchronousPragma()));
      config.setTempStore(SQLiteConfig.TempStore.MEMORY);
      if (writer) {
        // WAL is a property of the file: the writer, always opened first, sets it for everyone.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      }
      Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      if (!writer) {
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA query_only = true");
        }
      }
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + file, e);
    } catch (SQLException e) {
      throw new IllegalStateException(file + ": cannot open the SQLite database: " + e.getMessage(), e);
    }
  }
}
