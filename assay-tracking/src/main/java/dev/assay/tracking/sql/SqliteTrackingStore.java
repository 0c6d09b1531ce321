package dev.assay.tracking.sql;

import dev.assay.store.Durability;
import dev.assay.store.Schema;
import dev.assay.store.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MLflow tracking data in an SQLite file of its own (WAL mode), beside the run store.
 *
 * <p>Invariants: one writer connection behind a lock does every write, one query-only reader
 * connection behind another does every read, so a long search never blocks logging; the schema is
 * migrated forward when the file is opened, and a file of another kind or a newer version is
 * refused (see assay-store's {@link Schema}).
 */
public final class SqliteTrackingStore extends JdbcTrackingStore {
  /** {@code PRAGMA application_id} of a tracking file: "ASMT" in ASCII. */
  static final int APPLICATION_ID = 0x41534D54;

  /** Version 1; the PostgreSQL script V1 in db/assay-tracking/postgresql has the same tables. */
  private static final Schema.Migration V1 = new Schema.Migration(1, List.of(
      """
      CREATE TABLE experiments (
        experiment_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        artifact_location TEXT,
        lifecycle_stage TEXT NOT NULL,
        creation_time INTEGER NOT NULL,
        last_update_time INTEGER NOT NULL
      )""",
      """
      CREATE TABLE experiment_tags (
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      )""",
      """
      CREATE TABLE runs (
        pk INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL UNIQUE,
        experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
        name TEXT NOT NULL,
        user_id TEXT,
        status TEXT NOT NULL,
        start_time INTEGER NOT NULL,
        end_time INTEGER,
        artifact_uri TEXT,
        lifecycle_stage TEXT NOT NULL,
        deleted_time INTEGER
      )""",
      "CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time DESC, run_id)",
      """
      CREATE TABLE params (
        run_id TEXT NOT NULL REFERENCES runs (run_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      )""",
      """
      CREATE TABLE tags (
        run_id TEXT NOT NULL REFERENCES runs (run_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      )""",
      """
      CREATE TABLE metrics (
        pk INTEGER PRIMARY KEY,
        run_pk INTEGER NOT NULL REFERENCES runs (pk),
        key TEXT NOT NULL,
        value REAL,
        timestamp INTEGER NOT NULL,
        step INTEGER NOT NULL
      )""",
      "CREATE INDEX metrics_history ON metrics (run_pk, key, pk)",
      """
      CREATE TABLE latest_metrics (
        run_id TEXT NOT NULL REFERENCES runs (run_id),
        key TEXT NOT NULL,
        value REAL,
        timestamp INTEGER NOT NULL,
        step INTEGER NOT NULL,
        PRIMARY KEY (run_id, key)
      )"""));

  static final Schema SCHEMA = new Schema("MLflow tracking store", APPLICATION_ID, List.of(V1));

  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writer;
  private final Connection reader;
  private volatile boolean closed;

  private SqliteTrackingStore(Path file, Clock clock) {
    super(Dialect.SQLITE, file.toString());
    SqliteFiles.Connections c = SqliteFiles.openMigrated(file, Durability.PROCESS_CRASH, SCHEMA);
    this.writer = c.writer();
    this.reader = c.reader();
    ensureDefaultExperiment(clock.millis());
  }

  /** Opens (creating it and its folders if needed) the tracking file {@code file}. */
  public static SqliteTrackingStore open(Path file) {
    return open(file, Clock.systemUTC());
  }

  /** Opens the file; {@code clock} stamps the Default experiment of a new file. */
  public static SqliteTrackingStore open(Path file, Clock clock) {
    return new SqliteTrackingStore(file, clock);
  }

  @Override
  protected <T> T write(SqlWork<T> work) {
    writeLock.lock();
    try {
      checkOpen();
      writer.setAutoCommit(false);
      try {
        T result = work.run(writer);
        writer.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the tracking store " + display + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  protected <T> T read(SqlWork<T> work) {
    readLock.lock();
    try {
      checkOpen();
      return work.run(reader);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the tracking store " + display + ": " + e.getMessage(), e);
    } finally {
      readLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the tracking store " + display + " is closed");
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    readLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        reader.close();
        writer.close();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot close the tracking store " + display + ": " + e.getMessage(), e);
      }
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
  }
}
