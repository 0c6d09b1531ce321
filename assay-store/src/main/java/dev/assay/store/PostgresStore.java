package dev.assay.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetInfo;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Plan;
import dev.assay.core.ResultQuery;
import dev.assay.core.ResultStats;
import dev.assay.core.RunLease;
import dev.assay.core.RunPage;
import dev.assay.core.RunQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.DatasetCodec;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The team run store: the tables of {@link SqliteStore} in a PostgreSQL schema ({@value #SCHEMA}),
 * migrated by Flyway (scripts under {@value #MIGRATIONS}).
 *
 * <p>Invariants, beyond those of {@link Store}:
 *
 * <ul>
 *   <li>{@link #append} writes its whole list in one statement and one transaction and returns after
 *       the commit (PostgreSQL's default {@code synchronous_commit} makes that durable). The list
 *       travels as one array per column ({@code unnest}), so a batch costs one round trip whatever
 *       its size.
 *   <li>Results are stored under (run, dataset index, repeat) and an append whose example id differs
 *       from the one stored at its key is refused whole, as in {@link SqliteStore}; the bodies are
 *       the same bytes ({@link RecordCodec}), so runs copy between the two stores unchanged.
 *   <li>Connections come from a pool: writers do not wait for each other's reads, and each {@link
 *       #forEachResult} streams through a cursor on a connection of its own.
 *   <li>Each group of statements below touches one table, so a new column or table changes one place.
 * </ul>
 */
public final class PostgresStore implements Store {
  /** The PostgreSQL schema (namespace) that holds the store's tables. */
  public static final String SCHEMA = "assay";
  /** Where the Flyway scripts of the store live on the classpath. */
  public static final String MIGRATIONS = "db/assay-store/postgresql";

  private static final int POOL_SIZE = 8;
  private static final int FETCH_SIZE = 256;
  /** SQLSTATE of a unique-constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final String display;
  private final HikariDataSource pool;
  /** run id to the row key its results refer to; {@link #deleteRun} removes its entry. */
  private final Map<String, Long> runKeys = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private PostgresStore(String jdbcUrl, String user, String password) {
    this.display = PostgresDatabase.redact(jdbcUrl);
    this.pool = PostgresDatabase.open(jdbcUrl, user, password, SCHEMA, MIGRATIONS, POOL_SIZE);
  }

  /**
   * Opens the store in the database at {@code jdbcUrl} ({@code jdbc:postgresql://HOST[:PORT]/DB},
   * credentials in the URL), creating or migrating its schema.
   */
  public static PostgresStore open(String jdbcUrl) {
    return new PostgresStore(jdbcUrl, null, null);
  }

  /** Opens the store with credentials given apart from the URL (either may be null). */
  public static PostgresStore open(String jdbcUrl, String user, String password) {
    return new PostgresStore(jdbcUrl, user, password);
  }

  /** The database URL, password redacted. */
  public String location() {
    return display;
  }

  // ---- runs ----

  @Override
  public void createRun(RunRecord run) {
    String header = RecordCodec.header(run);
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, run.runId());
        p.setObject(2, timestamp(run.startedAt()));
        p.setString(3, run.status().wire());
        p.setString(4, run.systemName());
        p.setString(5, run.suiteName());
        p.setString(6, header);
        p.executeUpdate();
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new IllegalStateException("run " + run.runId() + " already exists in " + display, e);
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public void updateRun(RunRecord run) {
    String header = RecordCodec.header(run);
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE runs SET started_at = ?, status = ?, system_name = ?, suite_name = ?, header = ? WHERE run_id = ?")) {
        p.setObject(1, timestamp(run.startedAt()));
        p.setString(2, run.status().wire());
        p.setString(3, run.systemName());
        p.setString(4, run.suiteName());
        p.setString(5, header);
        p.setString(6, run.runId());
        if (p.executeUpdate() == 0) {
          throw new IllegalStateException("no run " + run.runId() + " in " + display);
        }
      }
      return null;
    });
  }

  @Override
  public Optional<RunRecord> run(String runId) {
    return reading(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT header FROM runs WHERE run_id = ?")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(RecordCodec.header(rs.getString(1))) : Optional.<RunRecord>empty();
        }
      }
    });
  }

  @Override
  public List<RunRecord> runs() {
    return reading(c -> {
      List<RunRecord> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
              "SELECT header FROM runs ORDER BY started_at DESC NULLS LAST, run_id DESC");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(RecordCodec.header(rs.getString(1)));
        }
      }
      return out;
    });
  }

  /**
   * A page straight from an index: every runs index ends in (started_at, run_id COLLATE "C"), the
   * order {@link RunQuery} defines (run ids compared as Java compares strings, hence the C
   * collation rather than the database's), and a B-tree serves both directions.
   */
  @Override
  public RunPage runs(RunQuery query) {
    SqlQuery page = runPage(query);
    return reading(c -> {
      List<RunRecord> out = new ArrayList<>();
      try (PreparedStatement p = page.prepare(c)) {
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(RecordCodec.header(rs.getString(1)));
          }
        }
      }
      return RunPage.of(out, query.limit());
    });
  }

  /** SQL text and its parameters, in order. */
  record SqlQuery(String sql, List<Object> args) {
    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement p = c.prepareStatement(sql);
      for (int i = 0; i < args.size(); i++) {
        p.setObject(i + 1, args.get(i));
      }
      return p;
    }
  }

  /** The statement that reads one page of {@code query} (one row more than the page, to tell whether another follows). */
  static SqlQuery runPage(RunQuery query) {
    StringBuilder sql = new StringBuilder("SELECT header FROM runs WHERE started_at IS NOT NULL");
    List<Object> args = new ArrayList<>();
    equal(sql, args, "suite_name", query.suite());
    equal(sql, args, "system_name", query.system());
    equal(sql, args, "status", query.status() == null ? null : query.status().wire());
    if (query.startedFrom() != null) {
      sql.append(" AND started_at >= ?");
      args.add(timestamp(query.startedFrom()));
    }
    if (query.startedBefore() != null) {
      sql.append(" AND started_at < ?");
      args.add(timestamp(query.startedBefore()));
    }
    if (query.after() != null) {
      sql.append(" AND (started_at, run_id COLLATE \"C\") ").append(query.oldestFirst() ? ">" : "<").append(" (?, ?)");
      args.add(timestamp(query.after().startedAt()));
      args.add(query.after().runId());
    }
    String direction = query.oldestFirst() ? " ASC" : " DESC";
    sql.append(" ORDER BY started_at").append(direction).append(", run_id COLLATE \"C\"").append(direction)
        .append(" LIMIT ").append(query.limit() + 1);
    return new SqlQuery(sql.toString(), args);
  }

  private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  @Override
  public boolean deleteRun(String runId) {
    try {
      // The results go with the run (ON DELETE CASCADE), in the same statement.
      return inTransaction(c -> {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM run_leases WHERE run_id = ?")) {
          p.setString(1, runId);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM runs WHERE run_id = ?")) {
          p.setString(1, runId);
          return p.executeUpdate() > 0;
        }
      });
    } finally {
      runKeys.remove(runId);
    }
  }

  /**
   * Reads the current lease and writes the decision in one transaction that first takes a
   * transaction-scoped advisory lock on the run id: a row that does not exist yet cannot be locked
   * with {@code FOR UPDATE}, so two processes could otherwise both see the run free.
   */
  @Override
  public RunLease acquireLease(RunLease wanted, Instant now) {
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
        p.setString(1, "assay-run-lease:" + wanted.runId());
        p.executeQuery().close();
      }
      RunLease current = readLease(c, wanted.runId());
      RunLease holder = RunLease.decide(current, wanted, now);
      if (holder != current) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO run_leases (run_id, owner, action, pid, host,"
            + " acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE"
            + " SET owner = EXCLUDED.owner, action = EXCLUDED.action, pid = EXCLUDED.pid, host = EXCLUDED.host,"
            + " acquired_at = EXCLUDED.acquired_at, heartbeat_at = EXCLUDED.heartbeat_at,"
            + " expires_at = EXCLUDED.expires_at")) {
          p.setString(1, holder.runId());
          p.setString(2, holder.owner());
          p.setString(3, holder.action());
          p.setLong(4, holder.pid());
          p.setString(5, holder.host());
          p.setString(6, holder.acquiredAt().toString());
          p.setString(7, holder.heartbeatAt().toString());
          p.setString(8, holder.expiresAt().toString());
          p.executeUpdate();
        }
      }
      return holder;
    });
  }

  @Override
  public boolean renewLease(String runId, String owner, Instant heartbeatAt, Instant expiresAt) {
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE run_id = ? AND owner = ?")) {
        p.setString(1, heartbeatAt.toString());
        p.setString(2, expiresAt.toString());
        p.setString(3, runId);
        p.setString(4, owner);
        return p.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void releaseLease(String runId, String owner) {
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM run_leases WHERE run_id = ? AND owner = ?")) {
        p.setString(1, runId);
        p.setString(2, owner);
        return p.executeUpdate();
      }
    });
  }

  @Override
  public Optional<RunLease> lease(String runId) {
    return reading(c -> Optional.ofNullable(readLease(c, runId)));
  }

  private static RunLease readLease(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT owner, action, pid, host, acquired_at, heartbeat_at,"
        + " expires_at FROM run_leases WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new RunLease(runId, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
            Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)));
      }
    }
  }

  /**
   * The row key of a run, or null when there is none; looked up every time (reads do not trust a
   * cache another process may have outdated). Reads bind it as a value rather than as a subquery:
   * the planner then sees which run it is, while with {@code run_pk = (SELECT ...)} it must assume
   * an average run, and a store holding one run of a million results and many small ones (a table
   * whose statistics say nearly every row has the same run) gets a sequential scan of every result
   * to count an empty run's.
   */
  private static Long runKey(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pk FROM runs WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** The row key of a run, or IllegalStateException when there is none. */
  private long requireRun(Connection c, String runId) throws SQLException {
    Long cached = runKeys.get(runId);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT pk FROM runs WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no run " + runId + " in " + display);
        }
        long key = rs.getLong(1);
        runKeys.put(runId, key);
        return key;
      }
    }
  }

  // ---- results ----

  /**
   * One row per element of the column arrays. A stored result is replaced only when its example id
   * matches, so the update count falls short exactly when some key holds another example.
   */
  private static final String INSERT_RESULTS =
      "INSERT INTO results (run_pk, example_index, repeat, example_id, ok, latency_ms, tokens_in, tokens_out, cost,"
          + " attempts, cached, encoding, body_text, body_bytes)"
          + " SELECT ?::bigint, u.* FROM unnest(?::int4[], ?::int4[], ?::text[], ?::bool[], ?::float8[], ?::int8[],"
          + " ?::int8[], ?::float8[], ?::int4[], ?::bool[], ?::int2[], ?::text[], ?::bytea[]) AS u"
          + " ON CONFLICT (run_pk, example_index, repeat) DO UPDATE SET ok = excluded.ok,"
          + " latency_ms = excluded.latency_ms, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out,"
          + " cost = excluded.cost, attempts = excluded.attempts, cached = excluded.cached,"
          + " encoding = excluded.encoding, body_text = excluded.body_text, body_bytes = excluded.body_bytes"
          + " WHERE results.example_id = excluded.example_id";
  private static final String SELECT_RESULT_COLUMNS =
      "SELECT example_id, example_index, repeat, latency_ms, tokens_in, tokens_out, cost, attempts, cached,"
          + " encoding, body_text, body_bytes FROM results";
  private static final String SELECT_RESULTS = SELECT_RESULT_COLUMNS
      + " WHERE run_pk = ? ORDER BY example_index, repeat";
  /** A run's result counts; package-private for the test of its query plan. */
  static final String RESULT_COUNTS = "SELECT count(*), count(*) FILTER (WHERE ok) FROM results WHERE run_pk = ?";
  /** A run's last result in dataset order. */
  static final String LAST_RESULT = "SELECT example_index, repeat, example_id FROM results WHERE run_pk = ?"
      + " ORDER BY example_index DESC, repeat DESC LIMIT 1";

  @Override
  public void append(String runId, List<ExampleResult> results) {
    // One row per key, the later result winning: a statement may not update a row twice.
    Map<Long, ExampleResult> byKey = new LinkedHashMap<>();
    for (ExampleResult r : results) {
      ExampleResult earlier = byKey.put(slot(r.index(), r.repeat()), r);
      if (earlier != null && !earlier.id().equals(r.id())) {
        throw slotTaken(runId, r, "example '" + earlier.id() + "' (earlier in the same append)");
      }
    }
    List<ExampleResult> rows = new ArrayList<>(byKey.values());
    int n = rows.size();
    // Encode before taking a connection, so that several engine threads encode in parallel.
    Integer[] index = new Integer[n];
    Integer[] repeat = new Integer[n];
    String[] id = new String[n];
    Boolean[] ok = new Boolean[n];
    Double[] latency = new Double[n];
    Long[] tokensIn = new Long[n];
    Long[] tokensOut = new Long[n];
    Double[] cost = new Double[n];
    Integer[] attempts = new Integer[n];
    Boolean[] cached = new Boolean[n];
    Short[] encoding = new Short[n];
    String[] text = new String[n];
    byte[][] bytes = new byte[n][];
    for (int i = 0; i < n; i++) {
      ExampleResult r = rows.get(i);
      RecordCodec.Encoded body = RecordCodec.body(r);
      index[i] = r.index();
      repeat[i] = r.repeat();
      id[i] = r.id();
      ok[i] = r.ok();
      latency[i] = RecordCodec.column(r.latencyMs());
      tokensIn[i] = r.tokensIn();
      tokensOut[i] = r.tokensOut();
      cost[i] = RecordCodec.column(r.cost());
      attempts[i] = r.attempts();
      cached[i] = r.cached();
      encoding[i] = (short) body.encoding();
      text[i] = body.text();
      bytes[i] = body.bytes();
    }
    inTransaction(c -> {
      long runKey = requireRun(c, runId);
      if (n == 0) {
        return null;
      }
      int changed;
      try (PreparedStatement p = c.prepareStatement(INSERT_RESULTS)) {
        p.setLong(1, runKey);
        List<Array> arrays = List.of(c.createArrayOf("int4", index), c.createArrayOf("int4", repeat),
            c.createArrayOf("text", id), c.createArrayOf("bool", ok), c.createArrayOf("float8", latency),
            c.createArrayOf("int8", tokensIn), c.createArrayOf("int8", tokensOut), c.createArrayOf("float8", cost),
            c.createArrayOf("int4", attempts), c.createArrayOf("bool", cached), c.createArrayOf("int2", encoding),
            c.createArrayOf("text", text), c.createArrayOf("bytea", bytes));
        for (int i = 0; i < arrays.size(); i++) {
          p.setArray(i + 2, arrays.get(i));
        }
        changed = p.executeUpdate();
        for (Array a : arrays) {
          a.free();
        }
      }
      if (changed < n) {
        throw firstSlotTaken(c, runKey, runId, rows);
      }
      return null;
    });
  }

  @Override
  public Set<ExampleResult.Key> completedKeys(String runId) {
    return reading(c -> {
      Set<ExampleResult.Key> keys = new LinkedHashSet<>();
      Long key = runKey(c, runId);
      if (key == null) {
        return keys;
      }
      try (PreparedStatement p = c.prepareStatement("SELECT example_id, repeat FROM results WHERE run_pk = ?")) {
        p.setLong(1, key);
        p.setFetchSize(4096);
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
   * Streams through a server-side cursor ({@code fetchSize} rows at a time, which PostgreSQL's driver
   * does only inside a transaction): memory stays constant whatever the run's size, and the stream
   * sees the run as it was when the call began.
   */
  @Override
  public void forEachResult(String runId, Consumer<ExampleResult> consumer) {
    checkOpen();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      Long key = runKey(c, runId);
      try (PreparedStatement p = c.prepareStatement(SELECT_RESULTS)) {
        p.setLong(1, key == null ? -1 : key);
        p.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            consumer.accept(result(rs));
          }
        }
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("read the results of run " + runId, e);
    }
  }

  /** A page read through the primary key (run, index, repeat): only the page's rows are touched. */
  @Override
  public List<ExampleResult> results(String runId, ResultQuery query) {
    StringBuilder sql = new StringBuilder(SELECT_RESULT_COLUMNS + " WHERE run_pk = ?");
    if (query.after() != null) {
      sql.append(" AND (example_index, repeat) > (?, ?)");
    }
    if (query.ok() != null) {
      sql.append(" AND ok = ?");
    }
    sql.append(" ORDER BY example_index, repeat LIMIT ").append(query.limit());
    return reading(c -> {
      List<ExampleResult> out = new ArrayList<>();
      Long key = runKey(c, runId);
      if (key == null) {
        return out;
      }
      try (PreparedStatement p = c.prepareStatement(sql.toString())) {
        int i = 1;
        p.setLong(i++, key);
        if (query.after() != null) {
          p.setInt(i++, query.after().index());
          p.setInt(i++, query.after().repeat());
        }
        if (query.ok() != null) {
          p.setBoolean(i, query.ok());
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(result(rs));
          }
        }
      }
      return out;
    });
  }

  /** Counts in one pass over the run's rows of the key index; the last result by a backward index scan. */
  @Override
  public ResultStats resultStats(String runId) {
    return reading(c -> {
      long stored;
      long ok;
      Long key = runKey(c, runId);
      if (key == null) {
        return ResultStats.NONE;
      }
      try (PreparedStatement p = c.prepareStatement(RESULT_COUNTS)) {
        p.setLong(1, key);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          stored = rs.getLong(1);
          ok = rs.getLong(2);
        }
      }
      if (stored == 0) {
        return ResultStats.NONE;
      }
      try (PreparedStatement p = c.prepareStatement(LAST_RESULT)) {
        p.setLong(1, key);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            return ResultStats.NONE; // the run was deleted between the two statements
          }
          return new ResultStats(stored, ok, new ResultQuery.Position(rs.getInt(1), rs.getInt(2)), rs.getString(3));
        }
      }
    });
  }

  /** The result in the current row of a query selecting {@link #SELECT_RESULT_COLUMNS}. */
  private static ExampleResult result(ResultSet rs) throws SQLException {
    RecordCodec.Columns columns = new RecordCodec.Columns(rs.getString(1), rs.getInt(2), rs.getInt(3),
        nullableDouble(rs, 4), nullableLong(rs, 5), nullableLong(rs, 6), nullableDouble(rs, 7), rs.getInt(8),
        rs.getBoolean(9));
    int encoding = rs.getInt(10);
    Object body = encoding == RecordCodec.PLAIN ? rs.getString(11) : rs.getBytes(12);
    return RecordCodec.result(columns, encoding, body);
  }

  /** Finds which row of a refused append holds another example, for the message. */
  private IllegalStateException firstSlotTaken(Connection c, long runKey, String runId, List<ExampleResult> rows)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT example_id FROM results WHERE run_pk = ? AND example_index = ? AND repeat = ?")) {
      for (ExampleResult r : rows) {
        p.setLong(1, runKey);
        p.setInt(2, r.index());
        p.setInt(3, r.repeat());
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals(r.id())) {
            return slotTaken(runId, r, "example '" + rs.getString(1) + "'");
          }
        }
      }
    }
    return slotTaken(runId, rows.get(0), "another example");
  }

  private IllegalStateException slotTaken(String runId, ExampleResult r, String other) {
    return new IllegalStateException("run " + runId + " in " + display + ": example '" + r.id()
        + "' has dataset index " + r.index() + " (repeat " + r.repeat() + "), where " + other
        + " is stored; a run's dataset must not change, so nothing of this append was written");
  }

  private static long slot(int index, int repeat) {
    return ((long) index << 32) | (repeat & 0xFFFFFFFFL);
  }

  // ---- datasets ----

  @Override
  public void putDataset(Dataset dataset) {
    if (dataset(dataset.hash()).isPresent()) {
      return;
    }
    byte[] body = DatasetCodec.encode(dataset);
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO datasets (hash, source, size, stored_at, body)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING")) {
        p.setString(1, dataset.hash());
        p.setString(2, dataset.source());
        p.setInt(3, dataset.size());
        p.setObject(4, timestamp(Instant.now()));
        p.setBytes(5, body);
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<DatasetInfo> datasets() {
    return reading(c -> {
      List<DatasetInfo> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT hash, source, size FROM datasets ORDER BY hash COLLATE \"C\"");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new DatasetInfo(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
      return out;
    });
  }

  @Override
  public Optional<Dataset> dataset(String hash) {
    return reading(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT source, body FROM datasets WHERE hash = ?")) {
        p.setString(1, hash);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(DatasetCodec.decode(rs.getBytes(2), rs.getString(1), hash))
              : Optional.<Dataset>empty();
        }
      }
    });
  }

  // ---- verdicts ----

  @Override
  public void saveVerdict(VerdictRecord v) {
    String body = RecordCodec.verdict(v);
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO verdicts (verdict_id, created_at, verdict,"
          + " suite_name, baseline_system, candidate_system, baseline_run, candidate_run, body)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, v.id());
        p.setObject(2, timestamp(v.createdAt()));
        p.setString(3, v.verdict().name());
        p.setString(4, v.suiteName());
        p.setString(5, v.baselineSystem());
        p.setString(6, v.candidateSystem());
        p.setString(7, v.baselineRun());
        p.setString(8, v.candidateRun());
        p.setString(9, body);
        p.executeUpdate();
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new IllegalStateException("verdict " + v.id() + " already exists in " + display, e);
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public Optional<VerdictRecord> verdict(String id) {
    return reading(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT body FROM verdicts WHERE verdict_id = ?")) {
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(RecordCodec.verdict(rs.getString(1))) : Optional.<VerdictRecord>empty();
        }
      }
    });
  }

  @Override
  public List<VerdictRecord> verdicts(VerdictRecord.Query query) {
    return reading(c -> {
      StringBuilder sql = new StringBuilder("SELECT body FROM verdicts WHERE TRUE");
      List<String> args = new ArrayList<>();
      if (query.suite() != null) {
        sql.append(" AND suite_name = ?");
        args.add(query.suite());
      }
      if (query.system() != null) {
        sql.append(" AND (baseline_system = ? OR candidate_system = ?)");
        args.add(query.system());
        args.add(query.system());
      }
      sql.append(" ORDER BY created_at DESC, verdict_id DESC");
      if (query.limit() > 0) {
        sql.append(" LIMIT ").append(query.limit());
      }
      List<VerdictRecord> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          p.setString(i + 1, args.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(RecordCodec.verdict(rs.getString(1)));
          }
        }
      }
      return out;
    });
  }

  // ---- plans ----

  @Override
  public void savePlan(Plan plan) {
    String body = Json.canonical(plan.toJson());
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO plans (hash, created_at, body) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING")) {
        p.setString(1, plan.hash());
        p.setObject(2, timestamp(plan.createdAt()));
        p.setString(3, body);
        p.executeUpdate();
      }
      return null;
    });
  }

  /** Every plan, oldest first, each checked against its hash as it is read (as in SqliteStore). */
  @Override
  public List<Plan> plans() {
    return reading(c -> {
      List<Plan> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT body FROM plans ORDER BY created_at, hash");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          try {
            out.add(Plan.fromJson(Json.MAPPER.readTree(rs.getString(1)), Path.of(display)));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored plan in " + display + " is not valid JSON", e);
          }
        }
      }
      return out;
    });
  }

  @Override
  public void saveCalibration(CalibrationRecord c) {
    String body = RecordCodec.calibration(c);
    inTransaction(conn -> {
      try (PreparedStatement p = conn.prepareStatement("INSERT INTO calibrations (calibration_id, created_at, metric,"
          + " judge, body) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, c.id());
        p.setObject(2, timestamp(c.createdAt()));
        p.setString(3, c.metric());
        p.setString(4, c.judge());
        p.setString(5, body);
        p.executeUpdate();
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new IllegalStateException("calibration " + c.id() + " already exists in " + display, e);
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public Optional<CalibrationRecord> calibration(String id) {
    return reading(conn -> {
      try (PreparedStatement p = conn.prepareStatement("SELECT body FROM calibrations WHERE calibration_id = ?")) {
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(RecordCodec.calibration(rs.getString(1)))
              : Optional.<CalibrationRecord>empty();
        }
      }
    });
  }

  @Override
  public List<CalibrationRecord> calibrations(CalibrationRecord.Query query) {
    return reading(conn -> {
      StringBuilder sql = new StringBuilder("SELECT body FROM calibrations WHERE TRUE");
      List<String> args = new ArrayList<>();
      if (query.judge() != null) {
        sql.append(" AND judge = ?");
        args.add(query.judge());
      }
      if (query.metric() != null) {
        sql.append(" AND metric = ?");
        args.add(query.metric());
      }
      sql.append(" ORDER BY created_at DESC, calibration_id COLLATE \"C\" DESC");
      if (query.limit() > 0) {
        sql.append(" LIMIT ").append(query.limit());
      }
      List<CalibrationRecord> out = new ArrayList<>();
      try (PreparedStatement p = conn.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          p.setString(i + 1, args.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(RecordCodec.calibration(rs.getString(1)));
          }
        }
      }
      return out;
    });
  }

  // ---- plumbing ----

  /** Closes the pool; later calls fail. Closing twice is harmless. */
  @Override
  public void close() {
    closed = true;
    pool.close();
  }

  @Override
  public String toString() {
    return "PostgresStore[" + display + "]";
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** Runs {@code work} in one transaction on a pooled connection; any failure rolls it back whole. */
  private <T> T inTransaction(SqlWork<T> work) {
    checkOpen();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("write", e);
    }
  }

  private <T> T reading(SqlWork<T> work) {
    checkOpen();
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store " + display + " is closed");
    }
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException("cannot " + what + " the store " + display + ": " + e.getMessage(), e);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
