package dev.assay.store;

import dev.assay.core.Dataset;
import dev.assay.core.DatasetInfo;
import dev.assay.core.ResultQuery;
import dev.assay.core.ResultStats;
import dev.assay.core.RunPage;
import dev.assay.core.RunQuery;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.Plan;
import dev.assay.core.RunLease;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.DatasetCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
 *   <li>A result is stored under (run, dataset index, repeat), which names the same result as
 *       (example id, repeat) because a dataset's ids are unique; an append whose example id
 *       differs from the one stored at its (index, repeat) is refused whole with
 *       IllegalStateException, since it means the run's dataset changed.
 *   <li>The schema is migrated forward when the file is opened; a file from a newer assay is
 *       refused (IllegalStateException naming the file).
 * </ul>
 *
 * <p>Several processes may open the same file: SQLite's locks and the busy timeout serialise
 * their writes.
 */
public final class SqliteStore implements Store {
  /** Instants as text whose order is time order (nine fraction digits, UTC). */
  static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** Replaces a stored result only when its example id matches; otherwise changes nothing. */
  private static final String INSERT_RESULT =
      "INSERT INTO results (run_pk, example_index, repeat, example_id, ok, latency_ms, tokens_in, tokens_out, cost,"
          + " attempts, cached, encoding, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (run_pk, example_index, repeat) DO UPDATE SET ok = excluded.ok,"
          + " latency_ms = excluded.latency_ms, tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out,"
          + " cost = excluded.cost, attempts = excluded.attempts, cached = excluded.cached,"
          + " encoding = excluded.encoding, body = excluded.body"
          + " WHERE results.example_id = excluded.example_id";
  private static final String SELECT_RESULTS =
      "SELECT example_id, example_index, repeat, latency_ms, tokens_in, tokens_out, cost, attempts, cached,"
          + " encoding, body FROM results WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?)"
          + " ORDER BY example_index, repeat";

  private final Path file;
  private final Durability durability;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writer;
  private final Connection reader;
  private final PreparedStatement insertResult;
  /** run id to the row key its results refer to; {@link #deleteRun} removes its entry. */
  private final Map<String, Long> runKeys = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private final SqlAccess access = new SqlAccess() {
    @Override
    public Path file() {
      return file;
    }

    @Override
    public void write(Write action) {
      writing(() -> action.run(writer));
    }

    @Override
    public <T> T read(Read<T> query) {
      return reading(() -> query.get(reader));
    }

    @Override
    public Connection openReader() {
      checkOpen();
      return SqliteFiles.open(file, durability, false);
    }
  };
  private final SqliteRegistry registry = new SqliteRegistry(access);
  private final SqliteAuditLog auditLog = new SqliteAuditLog(access);

  private SqliteStore(Path file, Durability durability) {
    this.file = file;
    this.durability = durability;
    SqliteFiles.Connections c = SqliteFiles.openMigrated(file, durability, StoreSchema.SCHEMA);
    try {
      this.insertResult = c.writer().prepareStatement(INSERT_RESULT);
    } catch (SQLException e) {
      c.closeAfter(e);
      throw failure("open", e);
    }
    this.writer = c.writer();
    this.reader = c.reader();
    importPlanFiles();
  }

  /** The folder where assay kept plans, one JSON file each, before they moved into the store. */
  static final String LEGACY_PLANS = "plans";

  /**
   * Moves plans written by earlier versions ({@code plans/<hash>.json} beside the store file) into
   * the store. Idempotent (plans are keyed by hash); the files are left in place. A file whose
   * content does not hash to its plan's hash was edited after it was made and is not imported.
   */
  private void importPlanFiles() {
    Path folder = file.toAbsolutePath().normalize().resolveSibling(LEGACY_PLANS);
    if (!java.nio.file.Files.isDirectory(folder)) {
      return;
    }
    try (var files = java.nio.file.Files.list(folder)) {
      for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".json")
          && !x.getFileName().toString().startsWith(".")).sorted().toList()) {
        try {
          Plan plan = Plan.fromJson(Json.MAPPER.readTree(java.nio.file.Files.readString(f)), f);
          if (f.getFileName().toString().equals(plan.hash() + ".json")) {
            savePlan(plan);
          }
        } catch (dev.assay.core.InputException | java.io.IOException e) {
          // An unreadable or edited plan file was never a valid plan; it stays where it is.
        }
      }
    } catch (java.io.IOException e) {
      throw failure("list the plans beside", e);
    }
  }

  /** Opens (creating it and its parent folders if needed) the store at {@code dbFile}. */
  public static SqliteStore open(Path dbFile) {
    return open(dbFile, Durability.PROCESS_CRASH);
  }

  /** Opens the store at {@code dbFile} with the given commit durability. */
  public static SqliteStore open(Path dbFile, Durability durability) {
    return new SqliteStore(dbFile, durability);
  }

  /** The registry kept in this file (models, versions, policies, aliases, rerun verifications). */
  public dev.assay.core.registry.Registry registry() {
    return registry;
  }

  /** The audit log kept in this file. */
  public dev.assay.core.audit.AuditLog auditLog() {
    return auditLog;
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
          bindResult(runKey, results.get(i), bodies.get(i));
          insertResult.addBatch();
        }
        int[] changed = insertResult.executeBatch();
        for (int i = 0; i < changed.length; i++) {
          if (changed[i] == 0) {
            throw slotTaken(runKey, runId, results.get(i));
          }
        }
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

  /** A page straight from an index: the order is (started_at, run_id), as every runs index ends. */
  @Override
  public RunPage runs(RunQuery query) {
    Sql sql = runsSql(query);
    return reading(() -> {
      List<RunRecord> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement(sql.text())) {
        for (int i = 0; i < sql.args().size(); i++) {
          p.setString(i + 1, sql.args().get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(RecordCodec.header(rs.getString(1)));
          }
        }
      }
      return RunPage.of(out, query.limit());
    });
  }

  /** A statement and its string arguments, in order. */
  record Sql(String text, List<String> args) {}

  /**
   * The page query for {@code query}. A status filter next to a suite or system filter is written
   * {@code +status}, which keeps SQLite off the status index: a status matches most runs, so
   * walking its index to find 50 runs of a rare system reads nearly the whole table, where the
   * system's (or suite's) index reads only that system's runs. Without table statistics the
   * planner cannot tell the two equality filters apart.
   */
  static Sql runsSql(RunQuery query) {
    StringBuilder sql = new StringBuilder("SELECT header FROM runs WHERE started_at IS NOT NULL");
    List<String> args = new ArrayList<>();
    filter(sql, args, "suite_name", query.suite());
    filter(sql, args, "system_name", query.system());
    filter(sql, args, query.suite() != null || query.system() != null ? "+status" : "status",
        query.status() == null ? null : query.status().wire());
    if (query.startedFrom() != null) {
      sql.append(" AND started_at >= ?");
      args.add(SORTABLE_INSTANT.format(query.startedFrom()));
    }
    if (query.startedBefore() != null) {
      sql.append(" AND started_at < ?");
      args.add(SORTABLE_INSTANT.format(query.startedBefore()));
    }
    String direction = query.oldestFirst() ? "ASC" : "DESC";
    if (query.after() != null) {
      sql.append(query.oldestFirst() ? " AND (started_at, run_id) > (?, ?)" : " AND (started_at, run_id) < (?, ?)");
      args.add(SORTABLE_INSTANT.format(query.after().startedAt()));
      args.add(query.after().runId());
    }
    sql.append(" ORDER BY started_at ").append(direction).append(", run_id ").append(direction)
        .append(" LIMIT ").append(query.limit() + 1);
    return new Sql(sql.toString(), List.copyOf(args));
  }

  private static void filter(StringBuilder sql, List<String> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  /** A page read through the (run, index, repeat) key: only the rows of the page are touched. */
  @Override
  public List<ExampleResult> results(String runId, ResultQuery query) {
    StringBuilder sql = new StringBuilder("SELECT example_id, example_index, repeat, latency_ms, tokens_in, tokens_out,"
        + " cost, attempts, cached, encoding, body FROM results WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?)");
    if (query.after() != null) {
      sql.append(" AND (example_index, repeat) > (?, ?)");
    }
    if (query.ok() != null) {
      sql.append(" AND ok = ").append(query.ok() ? 1 : 0);
    }
    sql.append(" ORDER BY example_index, repeat LIMIT ").append(query.limit());
    return reading(() -> {
      List<ExampleResult> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement(sql.toString())) {
        p.setString(1, runId);
        if (query.after() != null) {
          p.setInt(2, query.after().index());
          p.setInt(3, query.after().repeat());
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

  @Override
  public ResultStats resultStats(String runId) {
    return reading(() -> {
      long stored;
      long ok;
      try (PreparedStatement p = reader.prepareStatement("SELECT count(*), coalesce(sum(ok), 0) FROM results"
          + " WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?)")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          stored = rs.getLong(1);
          ok = rs.getLong(2);
        }
      }
      if (stored == 0) {
        return ResultStats.NONE;
      }
      try (PreparedStatement p = reader.prepareStatement("SELECT example_index, repeat, example_id FROM results"
          + " WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?) ORDER BY example_index DESC, repeat DESC LIMIT 1")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          return new ResultStats(stored, ok, new ResultQuery.Position(rs.getInt(1), rs.getInt(2)), rs.getString(3));
        }
      }
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
          consumer.accept(result(rs));
        }
      }
    } catch (SQLException e) {
      throw failure("read the results of run " + runId, e);
    }
  }

  @Override
  public boolean deleteRun(String runId) {
    boolean[] existed = {false};
    writing(() -> {
      writer.setAutoCommit(false);
      try {
        try (PreparedStatement p = writer.prepareStatement(
            "DELETE FROM results WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?)")) {
          p.setString(1, runId);
          p.executeUpdate();
        }
        try (PreparedStatement p = writer.prepareStatement("DELETE FROM runs WHERE run_id = ?")) {
          p.setString(1, runId);
          existed[0] = p.executeUpdate() > 0;
        }
        try (PreparedStatement p = writer.prepareStatement("DELETE FROM run_leases WHERE run_id = ?")) {
          p.setString(1, runId);
          p.executeUpdate();
        }
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
        runKeys.remove(runId);
      }
    });
    return existed[0];
  }

  /**
   * Reads the current lease and writes the decision in one IMMEDIATE transaction: the write lock is
   * taken before the read, so two processes cannot both see the run free.
   */
  @Override
  public RunLease acquireLease(RunLease wanted, Instant now) {
    RunLease[] holder = new RunLease[1];
    writing(() -> {
      writer.setAutoCommit(false);
      try {
        RunLease current = readLease(writer, wanted.runId());
        holder[0] = RunLease.decide(current, wanted, now);
        if (holder[0] != current) {
          try (PreparedStatement p = writer.prepareStatement("INSERT OR REPLACE INTO run_leases (run_id, owner, action,"
              + " pid, host, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            RunLease l = holder[0];
            p.setString(1, l.runId());
            p.setString(2, l.owner());
            p.setString(3, l.action());
            p.setLong(4, l.pid());
            p.setString(5, l.host());
            p.setString(6, l.acquiredAt().toString());
            p.setString(7, l.heartbeatAt().toString());
            p.setString(8, l.expiresAt().toString());
            p.executeUpdate();
          }
        }
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        writer.rollback();
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    });
    return holder[0];
  }

  @Override
  public boolean renewLease(String runId, String owner, Instant heartbeatAt, Instant expiresAt) {
    boolean[] renewed = {false};
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement(
          "UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE run_id = ? AND owner = ?")) {
        p.setString(1, heartbeatAt.toString());
        p.setString(2, expiresAt.toString());
        p.setString(3, runId);
        p.setString(4, owner);
        renewed[0] = p.executeUpdate() > 0;
      }
    });
    return renewed[0];
  }

  @Override
  public void releaseLease(String runId, String owner) {
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement("DELETE FROM run_leases WHERE run_id = ? AND owner = ?")) {
        p.setString(1, runId);
        p.setString(2, owner);
        p.executeUpdate();
      }
    });
  }

  @Override
  public Optional<RunLease> lease(String runId) {
    return reading(() -> Optional.ofNullable(readLease(reader, runId)));
  }

  private static RunLease readLease(Connection c, String runId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT owner, action, pid, host, acquired_at, heartbeat_at, expires_at"
        + " FROM run_leases WHERE run_id = ?")) {
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

  @Override
  public void putDataset(Dataset dataset) {
    if (dataset(dataset.hash()).isPresent()) {
      return;
    }
    byte[] body = DatasetCodec.encode(dataset);
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement(
          "INSERT OR IGNORE INTO datasets (hash, source, size, stored_at, body) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, dataset.hash());
        p.setString(2, dataset.source());
        p.setInt(3, dataset.size());
        p.setString(4, SORTABLE_INSTANT.format(java.time.Instant.now()));
        p.setBytes(5, body);
        p.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Dataset> dataset(String hash) {
    return reading(() -> {
      try (PreparedStatement p = reader.prepareStatement("SELECT source, body FROM datasets WHERE hash = ?")) {
        p.setString(1, hash);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(DatasetCodec.decode(rs.getBytes(2), rs.getString(1), hash))
              : Optional.<Dataset>empty();
        }
      }
    });
  }

  @Override
  public List<DatasetInfo> datasets() {
    return reading(() -> {
      List<DatasetInfo> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement("SELECT hash, source, size FROM datasets ORDER BY hash");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new DatasetInfo(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
      return out;
    });
  }

  @Override
  public void saveVerdict(VerdictRecord v) {
    String body = RecordCodec.verdict(v);
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement("INSERT INTO verdicts (verdict_id, created_at, verdict,"
          + " suite_name, baseline_system, candidate_system, baseline_run, candidate_run, body)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, v.id());
        p.setString(2, SORTABLE_INSTANT.format(v.createdAt()));
        p.setString(3, v.verdict().name());
        p.setString(4, v.suiteName());
        p.setString(5, v.baselineSystem());
        p.setString(6, v.candidateSystem());
        p.setString(7, v.baselineRun());
        p.setString(8, v.candidateRun());
        p.setString(9, body);
        p.executeUpdate();
      } catch (SQLException e) {
        if (isConstraintViolation(e)) {
          throw new IllegalStateException("verdict " + v.id() + " already exists in " + file, e);
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<VerdictRecord> verdict(String id) {
    return reading(() -> {
      try (PreparedStatement p = reader.prepareStatement("SELECT body FROM verdicts WHERE verdict_id = ?")) {
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(RecordCodec.verdict(rs.getString(1))) : Optional.<VerdictRecord>empty();
        }
      }
    });
  }

  @Override
  public List<VerdictRecord> verdicts(VerdictRecord.Query query) {
    return reading(() -> {
      StringBuilder sql = new StringBuilder("SELECT body FROM verdicts WHERE 1 = 1");
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
      try (PreparedStatement p = reader.prepareStatement(sql.toString())) {
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

  @Override
  public void savePlan(Plan plan) {
    String body = Json.canonical(plan.toJson());
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement(
          "INSERT OR IGNORE INTO plans (hash, created_at, body) VALUES (?, ?, ?)")) {
        p.setString(1, plan.hash());
        p.setString(2, SORTABLE_INSTANT.format(plan.createdAt()));
        p.setString(3, body);
        p.executeUpdate();
      }
    });
  }

  /**
   * Every plan, oldest first. Each is checked against its hash as it is read, so a plan edited in
   * the database is refused (InputException naming the store) rather than trusted.
   */
  @Override
  public List<Plan> plans() {
    return reading(() -> {
      List<Plan> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement("SELECT body FROM plans ORDER BY created_at, hash");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          try {
            out.add(Plan.fromJson(Json.MAPPER.readTree(rs.getString(1)), file));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored plan in " + file + " is not valid JSON", e);
          }
        }
      }
      return out;
    });
  }

  @Override
  public void saveCalibration(CalibrationRecord c) {
    String body = RecordCodec.calibration(c);
    writing(() -> {
      try (PreparedStatement p = writer.prepareStatement("INSERT INTO calibrations (calibration_id, created_at, metric,"
          + " judge, body) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, c.id());
        p.setString(2, SORTABLE_INSTANT.format(c.createdAt()));
        p.setString(3, c.metric());
        p.setString(4, c.judge());
        p.setString(5, body);
        p.executeUpdate();
      } catch (SQLException e) {
        if (isConstraintViolation(e)) {
          throw new IllegalStateException("calibration " + c.id() + " already exists in " + file, e);
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<CalibrationRecord> calibration(String id) {
    return reading(() -> {
      try (PreparedStatement p = reader.prepareStatement("SELECT body FROM calibrations WHERE calibration_id = ?")) {
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
    return reading(() -> {
      StringBuilder sql = new StringBuilder("SELECT body FROM calibrations WHERE 1 = 1");
      List<String> args = new ArrayList<>();
      if (query.judge() != null) {
        sql.append(" AND judge = ?");
        args.add(query.judge());
      }
      if (query.metric() != null) {
        sql.append(" AND metric = ?");
        args.add(query.metric());
      }
      sql.append(" ORDER BY created_at DESC, calibration_id DESC");
      if (query.limit() > 0) {
        sql.append(" LIMIT ").append(query.limit());
      }
      List<CalibrationRecord> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement(sql.toString())) {
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

  private void bindResult(long runKey, ExampleResult r, RecordCodec.Encoded body) throws SQLException {
    PreparedStatement p = insertResult;
    p.setLong(1, runKey);
    p.setInt(2, r.index());
    p.setInt(3, r.repeat());
    p.setString(4, r.id());
    p.setInt(5, r.ok() ? 1 : 0);
    p.setObject(6, RecordCodec.column(r.latencyMs()));
    p.setObject(7, r.tokensIn());
    p.setObject(8, r.tokensOut());
    p.setObject(9, RecordCodec.column(r.cost()));
    p.setInt(10, r.attempts());
    p.setInt(11, r.cached() ? 1 : 0);
    p.setInt(12, body.encoding());
    if (body.encoding() == RecordCodec.PLAIN) {
      // TEXT, so that sqlite3's json_extract() reads plain bodies in place.
      p.setString(13, body.text());
    } else {
      p.setBytes(13, body.bytes());
    }
  }

  /** The result in the current row of a query that selects the columns of {@link #SELECT_RESULTS}. */
  private static ExampleResult result(ResultSet rs) throws SQLException {
    RecordCodec.Columns columns = new RecordCodec.Columns(rs.getString(1), rs.getInt(2), rs.getInt(3),
        nullableDouble(rs, 4), nullableLong(rs, 5), nullableLong(rs, 6), nullableDouble(rs, 7), rs.getInt(8),
        rs.getInt(9) != 0);
    int encoding = rs.getInt(10);
    Object body = encoding == RecordCodec.PLAIN ? rs.getString(11) : rs.getBytes(11);
    return RecordCodec.result(columns, encoding, body);
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * The refusal of an append that put a result where another example's result is stored: (index,
   * repeat) names one result only while the run's dataset is unchanged, so this is never
   * overwritten. Called inside the append's transaction, which the caller then rolls back.
   */
  private IllegalStateException slotTaken(long runKey, String runId, ExampleResult r) throws SQLException {
    String other = "another example";
    try (PreparedStatement p = writer.prepareStatement(
        "SELECT example_id FROM results WHERE run_pk = ? AND example_index = ? AND repeat = ?")) {
      p.setLong(1, runKey);
      p.setInt(2, r.index());
      p.setInt(3, r.repeat());
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next()) {
          other = "example '" + rs.getString(1) + "'";
        }
      }
    }
    return new IllegalStateException("run " + runId + " in " + file + ": example '" + r.id()
        + "' has dataset index " + r.index() + " (repeat " + r.repeat() + "), where " + other
        + " is stored; a run's dataset must not change, so nothing of this append was written");
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

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }

  @FunctionalInterface
  private interface SqlQuery<T> {
    T get() throws SQLException;
  }
}
