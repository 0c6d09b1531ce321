package dev.assay.store;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The embedded run store: one SQLite file in WAL mode.
 *
 * <p>Invariants, beyond those of {@link Store}:
 *
 * <ul>
 *   <li>{@link #append} writes its whole list in one transaction and returns after the commit;
 *       that return is the engine's acknowledgement. Under the default {@link
 *       Durability#PROCESS_CRASH} an acknowledged result survives a killed process; {@link
 *       Durability#POWER_LOSS} also survives power loss, at one fsync per append.
 *   <li>One writer connection, guarded by a lock, does every write; point reads share a second
 *       connection; each {@link #forEachResult} opens its own connection, so a long stream blocks
 *       neither writers nor other readers and sees one consistent snapshot.
 *   <li>The schema is migrated forward when the file is opened; a file from a newer assay is
 *       refused (IllegalStateException naming the file).
 * </ul>
 *
 * <p>Several processes may open the same file: SQLite's locks and the busy timeout serialise
 * their writes.
 */
public final class SqliteStore implements Store {
  private static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final String INSERT_RESULT =
      "INSERT INTO results (run_pk, example_id, repeat, example_index, ok, encoding, body)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (run_pk, example_id, repeat) DO UPDATE SET example_index = excluded.example_index,"
          + " ok = excluded.ok, encoding = excluded.encoding, body = excluded.body";
  private static final String SELECT_RESULTS =
      "SELECT example_id, example_index, repeat, encoding, body FROM results"
          + " WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?) ORDER BY example_index, repeat, example_id";

  private final Path file;
  private final Durability durability;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writer;
  private final Connection reader;
  private final PreparedStatement insertResult;
  /** run id to the row key its results refer to; runs are never deleted, so entries stay valid. */
  private final Map<String, Long> runKeys = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SqliteStore(Path file, Durability durability) {
    this.file = file;
    this.durability = durability;
    Connection w = SqliteFiles.open(file, durability, true);
    Connection r = null;
    try {
      StoreSchema.SCHEMA.migrate(w, file);
      r = SqliteFiles.open(file, durability, false);
      this.insertResult = w.prepareStatement(INSERT_RESULT);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(w, e);
      if (r != null) {
        closeQuietly(r, e);
      }
      if (e instanceof SQLException) {
        throw failure("open", e);
      }
      throw (RuntimeException) e;
    }
    this.writer = w;
    this.reader = r;
  }

  /** Opens (creating it and its parent folders if needed) the store at {@code dbFile}. */
  public static SqliteStore open(Path dbFile) {
    return open(dbFile, Durability.PROCESS_CRASH);
  }

  /** Opens the store at {@code dbFile} with the given commit durability. */
  public static SqliteStore open(Path dbFile, Durability durability) {
    return new SqliteStore(dbFile, durability);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  public Durability durability() {
    return durability;
  }

  @Override
  public void createRun(RunRecord run) {
    String header = RecordCodec.header(run);
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement(
          "INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, run.runId());
        p.setString(2, run.startedAt() == null ? null : SORTABLE_INSTANT.format(run.startedAt()));
        p.setString(3, run.status().wire());
        p.setString(4, run.systemName());
        p.setString(5, run.suiteName());
        p.setString(6, header);
        p.executeUpdate();
      } catch (SQLException e) {
        if (isConstraintViolation(e)) {
          throw new IllegalStateException("run " + run.runId() + " already exists in " + file, e);
        }
        throw e;
      }
    });
  }

  @Override
  public void updateRun(RunRecord run) {
    String header = RecordCodec.header(run);
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement(
          "UPDATE runs SET started_at = ?, status = ?, system_name = ?, suite_name = ?, header = ? WHERE run_id = ?")) {
        p.setString(1, run.startedAt() == null ? null : SORTABLE_INSTANT.format(run.startedAt()));
        p.setString(2, run.status().wire());
        p.setString(3, run.systemName());
        p.setString(4, run.suiteName());
        p.setString(5, header);
        p.setString(6, run.runId());
        if (p.executeUpdate() == 0) {
          throw new IllegalStateException("no run " + run.runId() + " in " + file);
        }
      }
    });
  }

  @Override
  public void append(String runId, List<ExampleResult> results) {
    if (results.isEmpty()) {
      requireRun(runId);
      return;
    }
    // Serialise before taking the lock so that several engine threads encode in parallel.
    List<RecordCodec.Encoded> bodies = new ArrayList<>(results.size());
    for (ExampleResult r : results) {
      bodies.add(RecordCodec.body(r));
    }
    writing(() -> {
      long runKey = requireRun(runId);
      writer.setAutoCommit(false);
      try {
        for (int i = 0; i < results.size(); i++) {
          ExampleResult r = results.get(i);
          RecordCodec.Encoded body = bodies.get(i);
          insertResult.setLong(1, runKey);
          insertResult.setString(2, r.id());
          insertResult.setInt(3, r.repeat());
          insertResult.setInt(4, r.index());
          insertResult.setInt(5, r.ok() ? 1 : 0);
          insertResult.setInt(6, body.encoding());
          if (body.encoding() == RecordCodec.PLAIN) {
            // Stored as TEXT so that sqlite3's json_extract() can read plain bodies in place.
            insertResult.setString(7, new String(body.bytes(), StandardCharsets.UTF_8));
          } else {
            insertResult.setBytes(7, body.bytes());
          }
          insertResult.addBatch();
        }
        insertResult.executeBatch();
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        insertResult.clearBatch();
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    });
  }

  @Override
  public Optional<RunRecord> run(String runId) {
    return reading(() -> {
      try (PreparedStatement p = reader.prepareStatement("SELECT header FROM runs WHERE run_id = ?")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(RecordCodec.header(rs.getString(1))) : Optional.<RunRecord>empty();
        }
      }
    });
  }

  @Override
  public List<RunRecord> runs() {
    return reading(() -> {
      List<RunRecord> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement(
              "SELECT header FROM runs ORDER BY started_at DESC, run_id DESC");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(RecordCodec.header(rs.getString(1)));
        }
      }
      return out;
    });
  }

  @Override
  public Set<ExampleResult.Key> completedKeys(String runId) {
    return reading(() -> {
      Set<ExampleResult.Key> keys = new LinkedHashSet<>();
      try (PreparedStatement p = reader.prepareStatement(
          "SELECT example_id, repeat FROM results WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?)")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            keys.add(new ExampleResult.Key(rs.getString(1), rs.getInt(2)));
          }
        }
      }
      return keys;
    });
  }

  /**
   * Streams the results with a cursor on a connection of its own: memory stays constant whatever
   * the run's size, and the stream sees the run as it was when the call began.
   */
  @Override
  public void forEachResult(String runId, Consumer<ExampleResult> consumer) {
    checkOpen();
    try (Connection c = SqliteFiles.open(file, durability, false);
        PreparedStatement p = c.prepareStatement(SELECT_RESULTS)) {
      p.setString(1, runId);
      p.setFetchSize(256);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          int encoding = rs.getInt(4);
          byte[] body = encoding == RecordCodec.PLAIN
              ? rs.getString(5).getBytes(StandardCharsets.UTF_8)
              : rs.getBytes(5);
          consumer.accept(RecordCodec.result(rs.getString(1), rs.getInt(2), rs.getInt(3), encoding, body));
        }
      }
    } catch (SQLException e) {
      throw failure("read the results of run " + runId, e);
    }
  }

  /** Closes the store; later calls fail. Closing twice is harmless. */
  @Override
  public void close() {
    writeLock.lock();
    readLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      SQLException first = null;
      for (AutoCloseable c : List.<AutoCloseable>of(insertResult, reader, writer)) {
        try {
          c.close();
        } catch (Exception e) {
          if (first == null) {
            first = e instanceof SQLException s ? s : new SQLException(e);
          }
        }
      }
      if (first != null) {
        throw failure("close", first);
      }
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteStore[" + file + "]";
  }

  /** The row key of a run; the caller holds the write lock. */
  private long requireRun(String runId) {
    Long cached = runKeys.get(runId);
    if (cached != null) {
      return cached;
    }
    Long key = reading(() -> {
      try (PreparedStatement p = reader.prepareStatement("SELECT pk FROM runs WHERE run_id = ?")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? rs.getLong(1) : null;
        }
      }
    });
    if (key == null) {
      throw new IllegalStateException("no run " + runId + " in " + file);
    }
    runKeys.put(runId, key);
    return key;
  }

  private void writing(SqlAction action) {
    writeLock.lock();
    try {
      checkOpen();
      action.run();
    } catch (SQLException e) {
      throw failure("write", e);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T reading(SqlQuery<T> query) {
    readLock.lock();
    try {
      checkOpen();
      return query.get();
    } catch (SQLException e) {
      throw failure("read", e);
    } finally {
      readLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store " + file + " is closed");
    }
  }

  private IllegalStateException failure(String what, Exception e) {
    return new IllegalStateException("cannot " + what + " the store " + file + ": " + e.getMessage(), e);
  }

  private static boolean isConstraintViolation(SQLException e) {
    return (e.getErrorCode() & 0xFF) == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT.code;
  }

  private static void closeQuietly(Connection c, Exception cause) {
    try {
      c.close();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }

  @FunctionalInterface
  private interface SqlQuery<T> {
    T get() throws SQLException;
  }
}
