package dev.assay.store;

import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The response cache in its own SQLite file ({@code <store dir>/cache.db}), kept apart from the
 * run store so that it can be deleted or shared without touching runs.
 *
 * <p>Invariants: {@link #put} returns after its commit, so a cached output survives a killed
 * process (as the store does, see {@link Durability}), and {@link #putAll} writes all its outputs
 * in one transaction or none; a put for an existing key replaces the
 * output; {@link #get} never blocks on a put (gets and puts use separate connections, and WAL lets
 * a reader run beside the writer). Thread-safe.
 */
public final class SqliteResponseCache implements ResponseCache, AutoCloseable {
  /** {@code PRAGMA application_id} of a response cache: "ASRC" in ASCII. */
  static final int APPLICATION_ID = 0x41535243;

  static final Schema SCHEMA = new Schema("response cache", APPLICATION_ID, List.of(
      new Schema.Migration(1, List.of(
          "CREATE TABLE responses (key TEXT PRIMARY KEY, output TEXT NOT NULL, stored_at TEXT NOT NULL)"))));

  private final Path file;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writer;
  private final Connection reader;
  private final PreparedStatement upsert;
  private final PreparedStatement select;
  private boolean closed;

  private SqliteResponseCache(Path file, Durability durability) {
    this.file = file;
    SqliteFiles.Connections c = SqliteFiles.openMigrated(file, durability, SCHEMA);
    try {
      this.upsert = c.writer().prepareStatement(
          "INSERT INTO responses (key, output, stored_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
              + " ON CONFLICT (key) DO UPDATE SET output = excluded.output, stored_at = excluded.stored_at");
      this.select = c.reader().prepareStatement("SELECT output FROM responses WHERE key = ?");
    } catch (SQLException e) {
      c.closeAfter(e);
      throw new IllegalStateException("cannot open the response cache " + file + ": " + e.getMessage(), e);
    }
    this.writer = c.writer();
    this.reader = c.reader();
  }

  /** Opens (creating it and its parent folders if needed) the cache at {@code file}. */
  public static SqliteResponseCache open(Path file) {
    return open(file, Durability.PROCESS_CRASH);
  }

  public static SqliteResponseCache open(Path file, Durability durability) {
    return new SqliteResponseCache(file, durability);
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<Output> get(String key) {
    readLock.lock();
    try {
      checkOpen();
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(RecordCodec.output(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the response cache " + file + ": " + e.getMessage(), e);
    } finally {
      readLock.unlock();
    }
  }

  @Override
  public void put(String key, Output output) {
    String json = RecordCodec.output(output);
    writeLock.lock();
    try {
      checkOpen();
      upsert.setString(1, key);
      upsert.setString(2, json);
      upsert.executeUpdate(); // autocommit: durable when this returns
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the response cache " + file + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Stores several outputs in one transaction: one durable write. */
  @Override
  public void putAll(Map<String, Output> outputs) {
    if (outputs.isEmpty()) {
      return;
    }
    Map<String, String> encoded = new LinkedHashMap<>();
    outputs.forEach((key, output) -> encoded.put(key, RecordCodec.output(output)));
    writeLock.lock();
    try {
      checkOpen();
      writer.setAutoCommit(false);
      try {
        for (Map.Entry<String, String> e : encoded.entrySet()) {
          upsert.setString(1, e.getKey());
          upsert.setString(2, e.getValue());
          upsert.addBatch();
        }
        upsert.executeBatch();
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        upsert.clearBatch();
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the response cache " + file + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Closes the cache; later calls fail. Closing twice is harmless. */
  @Override
  public void close() {
    writeLock.lock();
    readLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (AutoCloseable c : List.<AutoCloseable>of(select, upsert, reader, writer)) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close the response cache " + file + ": " + e.getMessage(), e);
        }
      }
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteResponseCache[" + file + "]";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the response cache " + file + " is closed");
    }
  }
}
