package dev.assay.store;

import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

  /**
   * What the cache holds.
   *
   * @param entries stored responses
   * @param bytes UTF-8 bytes of the stored responses (keys and outputs), not counting SQLite's overhead
   * @param oldest when the oldest response was stored, null when empty
   * @param newest when the newest response was stored, null when empty
   */
  public record Stats(long entries, long bytes, Instant oldest, Instant newest) {}

  /** Counts the stored responses. */
  public Stats stats() {
    readLock.lock();
    try {
      checkOpen();
      try (Statement st = reader.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(CAST(key AS BLOB)) + "
              + "LENGTH(CAST(output AS BLOB))), 0), MIN(stored_at), MAX(stored_at) FROM responses")) {
        rs.next();
        return new Stats(rs.getLong(1), rs.getLong(2), instant(rs.getString(3)), instant(rs.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the response cache " + file + ": " + e.getMessage(), e);
    } finally {
      readLock.unlock();
    }
  }

  /** Removes every response; returns how many there were. The file shrinks (VACUUM). */
  public long clear() {
    return delete("DELETE FROM responses", null);
  }

  /**
   * Removes the responses stored before {@code cutoff}. A response's age counts from when a system
   * answered it; serving it from the cache does not make it younger. Returns how many were
   * removed. The file shrinks (VACUUM).
   */
  public long prune(Instant cutoff) {
    return delete("DELETE FROM responses WHERE stored_at < ?", STORED_AT.format(cutoff));
  }

  private long delete(String sql, String cutoff) {
    writeLock.lock();
    try {
      checkOpen();
      long removed;
      try (PreparedStatement ps = writer.prepareStatement(sql)) {
        if (cutoff != null) {
          ps.setString(1, cutoff);
        }
        removed = ps.executeUpdate();
      }
      if (removed > 0) {
        // The writer keeps prepared statements, which VACUUM refuses to run beside: use a connection of its own.
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
            Statement st = c.createStatement()) {
          st.execute("VACUUM");
        }
      }
      return removed;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the response cache " + file + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** The text form of {@code stored_at}: what SQLite's {@code strftime('%Y-%m-%dT%H:%M:%fZ')} writes. */
  private static final DateTimeFormatter STORED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static Instant instant(String storedAt) {
    return storedAt == null ? null : Instant.parse(storedAt);
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
