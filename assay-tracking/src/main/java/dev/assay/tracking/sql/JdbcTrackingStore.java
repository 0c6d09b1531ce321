package dev.assay.tracking.sql;

import dev.assay.tracking.Experiment;
import dev.assay.tracking.KeyValue;
import dev.assay.tracking.LifecycleStage;
import dev.assay.tracking.Metric;
import dev.assay.tracking.MlflowException;
import dev.assay.tracking.Run;
import dev.assay.tracking.RunInfo;
import dev.assay.tracking.RunStatus;
import dev.assay.tracking.Search;
import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.ViewType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tracking store over SQL that SQLite and PostgreSQL both speak; subclasses supply connections
 * (how transactions and reads are run) and the {@link Dialect}.
 *
 * <p>Each section below owns one table's SQL, so a new column or table changes one place. A metric
 * value of SQL NULL stands for NaN (SQLite stores no NaN), in both dialects.
 */
public abstract class JdbcTrackingStore implements TrackingStore {
  static final String RUN_COLUMNS =
      "r.run_id, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri,"
          + " r.lifecycle_stage";
  static final String EXPERIMENT_COLUMNS =
      "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, e.last_update_time";
  /** Most ids bound in one IN list (PostgreSQL allows 32,767 parameters per statement). */
  private static final int IN_CHUNK = 1000;

  private final Dialect dialect;
  private final SqlSearch search;
  /** Where the data lives, for messages (a file, or a URL without its password). */
  protected final String display;

  protected JdbcTrackingStore(Dialect dialect, String display) {
    this.dialect = dialect;
    this.search = new SqlSearch(dialect);
    this.display = display;
  }

  /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
  protected abstract <T> T write(SqlWork<T> work);

  /** Runs a read. */
  protected abstract <T> T read(SqlWork<T> work);

  /** Work on a connection. */
  @FunctionalInterface
  protected interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Creates the Default experiment unless it exists; subclasses call this once when opened. */
  protected final void ensureDefaultExperiment(long now) {
    write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO experiments (experiment_id, name, artifact_location,"
          + " lifecycle_stage, creation_time, last_update_time) VALUES (0, ?, NULL, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        p.setString(1, DEFAULT_EXPERIMENT_NAME);
        p.setString(2, LifecycleStage.ACTIVE.wire());
        p.setLong(3, now);
        p.setLong(4, now);
        p.executeUpdate();
      }
      return null;
    });
  }

  // ---- experiments, experiment_tags ----

  @Override
  public Experiment createExperiment(String name, String artifactLocation, List<KeyValue> tags, long now) {
    long id = write(c -> {
      long key;
      try (PreparedStatement p = c.prepareStatement("INSERT INTO experiments (name, artifact_location,"
          + " lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?) RETURNING experiment_id")) {
        p.setString(1, name);
        p.setString(2, artifactLocation);
        p.setString(3, LifecycleStage.ACTIVE.wire());
        p.setLong(4, now);
        p.setLong(5, now);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          key = rs.getLong(1);
        }
      } catch (SQLException e) {
        if (dialect.isUniqueViolation(e)) {
          throw new MlflowException(dev.assay.tracking.ErrorCode.RESOURCE_ALREADY_EXISTS,
              "Experiment '" + name + "' already exists.");
        }
        throw e;
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)"
              + " ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value")) {
        for (KeyValue t : tags) {
          p.setLong(1, key);
          p.setString(2, t.key());
          p.setString(3, t.value());
          p.addBatch();
        }
        p.executeBatch();
      }
      return key;
    });
    return experiment(Long.toString(id)).orElseThrow();
  }

  @Override
  public Optional<Experiment> experiment(String id) {
    long key = SqlSearch.experimentKey(id);
    return read(c -> {
      List<Experiment> found = experiments(c, "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments e"
          + " WHERE e.experiment_id = ?", List.of(key));
      return found.stream().findFirst();
    });
  }

  @Override
  public Optional<Experiment> experimentByName(String name) {
    return read(c -> experiments(c, "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments e WHERE e.name = ?",
        List.of(name)).stream().findFirst());
  }

  @Override
  public List<Experiment> searchExperiments(Search.ExperimentQuery query) {
    SqlSearch.Query q = search.experiments(query);
    return read(c -> experiments(c, q.sql(), q.args()));
  }

  private List<Experiment> experiments(Connection c, String sql, List<Object> args) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
              rs.getLong(6)});
        }
      }
    }
    Map<Long, List<KeyValue>> tags = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key")) {
      for (Object[] row : rows) {
        p.setLong(1, (Long) row[0]);
        List<KeyValue> list = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            list.add(new KeyValue(rs.getString(1), rs.getString(2)));
          }
        }
        tags.put((Long) row[0], list);
      }
    }
    List<Experiment> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      out.add(new Experiment(Long.toString((Long) row[0]), (String) row[1], (String) row[2],
          LifecycleStage.parse((String) row[3]), (Long) row[4], (Long) row[5], tags.get((Long) row[0])));
    }
    return out;
  }

  // ---- runs ----

  @Override
  public Run createRun(RunInfo info, List<KeyValue> tags) {
    write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO runs (run_id, experiment_id, name, user_id, status,"
          + " start_time, end_time, artifact_uri, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, info.runId());
        p.setLong(2, SqlSearch.experimentKey(info.experimentId()));
        p.setString(3, info.runName());
        p.setString(4, info.userId());
        p.setString(5, info.status().name());
        p.setLong(6, info.startTime());
        p.setObject(7, info.endTime(), Types.BIGINT);
        p.setString(8, info.artifactUri());
        p.setString(9, info.stage().wire());
        p.executeUpdate();
      }
      upsertTags(c, info.runId(), tags);
      return null;
    });
    return run(info.runId()).orElseThrow();
  }

  @Override
  public Optional<Run> run(String runId) {
    return read(c -> runs(c, "SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.run_id = ?", List.of(runId))
        .stream().findFirst());
  }

  @Override
  public Optional<RunInfo> runInfo(String runId) {
    return read(c -> infos(c, "SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.run_id = ?", List.of(runId))
        .stream().findFirst());
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    return write(c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE runs SET status = coalesce(?, status),"
          + " end_time = coalesce(?, end_time), name = coalesce(?, name) WHERE run_id = ?")) {
        p.setString(1, status == null ? null : status.name());
        p.setObject(2, endTime, Types.BIGINT);
        p.setString(3, runName);
        p.setString(4, runId);
        if (p.executeUpdate() == 0) {
          throw noRun(runId);
        }
      }
      return infos(c, "SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.run_id = ?", List.of(runId)).get(0);
    });
  }

  @Override
  public void setRunStage(String runId, LifecycleStage stage, long now) {
    write(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_id = ?")) {
        p.setString(1, stage.wire());
        p.setObject(2, stage == LifecycleStage.DELETED ? now : null, Types.BIGINT);
        p.setString(3, runId);
        if (p.executeUpdate() == 0) {
          throw noRun(runId);
        }
      }
      return null;
    });
  }

  @Override
  public List<Run> searchRuns(Search.RunQuery query) {
    SqlSearch.Query q = search.runs(query);
    return read(c -> runs(c, q.sql(), q.args()));
  }

  @Override
  public long countRuns(String experimentId, ViewType view) {
    SqlSearch.Query q = search.countRuns(experimentId, view);
    return read(c -> {
      try (PreparedStatement p = c.prepareStatement(q.sql())) {
        bind(p, q.args());
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  private List<RunInfo> infos(Connection c, String sql, List<Object> args) throws SQLException {
    List<RunInfo> infos = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          long end = rs.getLong(7);
          Long endTime = rs.wasNull() ? null : end;
          infos.add(new RunInfo(rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4),
              RunStatus.valueOf(rs.getString(5)), rs.getLong(6), endTime, rs.getString(8),
              LifecycleStage.parse(rs.getString(9))));
        }
      }
    }
    return infos;
  }

  /** Runs with their data, read in a few statements per thousand runs. */
  private List<Run> runs(Connection c, String sql, List<Object> args) throws SQLException {
    List<RunInfo> infos = infos(c, sql, args);
    Map<String, List<Metric>> metrics = new HashMap<>();
    Map<String, List<KeyValue>> params = new HashMap<>();
    Map<String, List<KeyValue>> tags = new HashMap<>();
    for (int from = 0; from < infos.size(); from += IN_CHUNK) {
      List<Object> ids = new ArrayList<>();
      for (RunInfo i : infos.subList(from, Math.min(infos.size(), from + IN_CHUNK))) {
        ids.add(i.runId());
      }
      String in = " WHERE run_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?"))
          + ") ORDER BY run_id, key";
      try (PreparedStatement p = c.prepareStatement("SELECT run_id, key, value, timestamp, step FROM latest_metrics"
          + in)) {
        bind(p, ids);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            metrics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(metric(rs, 2));
          }
        }
      }
      readPairs(c, "SELECT run_id, key, value FROM params" + in, ids, params);
      readPairs(c, "SELECT run_id, key, value FROM tags" + in, ids, tags);
    }
    List<Run> out = new ArrayList<>(infos.size());
    for (RunInfo i : infos) {
      out.add(new Run(i, metrics.getOrDefault(i.runId(), List.of()), params.getOrDefault(i.runId(), List.of()),
          tags.getOrDefault(i.runId(), List.of())));
    }
    return out;
  }

  private static void readPairs(Connection c, String sql, List<Object> ids, Map<String, List<KeyValue>> into)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, ids);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          into.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new KeyValue(rs.getString(2),
              rs.getString(3)));
        }
      }
    }
  }

  private static MlflowException noRun(String runId) {
    return MlflowException.notFound("Run with id=" + runId + " not found");
  }

  // ---- params, tags, metrics, latest_metrics: one transaction per log ----

  @Override
  public void log(String runId, List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
    write(c -> {
      long runKey;
      try (PreparedStatement p = c.prepareStatement("SELECT pk FROM runs WHERE run_id = ?")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            throw noRun(runId);
          }
          runKey = rs.getLong(1);
        }
      }
      insertParams(c, runId, params);
      upsertTags(c, runId, tags);
      insertMetrics(c, runKey, runId, metrics);
      return null;
    });
  }

  /** Params are write-once: a different value for a stored (or earlier in the batch) key is refused. */
  private static void insertParams(Connection c, String runId, List<KeyValue> params) throws SQLException {
    if (params.isEmpty()) {
      return;
    }
    Map<String, String> stored = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT key, value FROM params WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    Map<String, String> fresh = new LinkedHashMap<>();
    for (KeyValue kv : params) {
      String old = stored.containsKey(kv.key()) ? stored.get(kv.key()) : fresh.get(kv.key());
      if (old != null && !old.equals(kv.value())) {
        throw MlflowException.invalid("Changing param values is not allowed. Param with key='" + kv.key()
            + "' was already logged with value='" + old + "' for run ID='" + runId + "'. Attempted logging new value '"
            + kv.value() + "'.");
      }
      if (old == null) {
        fresh.put(kv.key(), kv.value());
      }
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> e : fresh.entrySet()) {
        p.setString(1, runId);
        p.setString(2, e.getKey());
        p.setString(3, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** A tag written again is replaced; within one list the last value of a key wins. */
  private static void upsertTags(Connection c, String runId, List<KeyValue> tags) throws SQLException {
    if (tags.isEmpty()) {
      return;
    }
    Map<String, String> last = new LinkedHashMap<>();
    tags.forEach(t -> last.put(t.key(), t.value()));
    try (PreparedStatement p = c.prepareStatement("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)"
        + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value")) {
      for (Map.Entry<String, String> e : last.entrySet()) {
        p.setString(1, runId);
        p.setString(2, e.getKey());
        p.setString(3, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Rows per multi-row INSERT of metric values: a whole log-batch (at most 1,000) in one statement;
   * 5,000 parameters are within both PostgreSQL's (32,767) and SQLite's (32,766) limits.
   */
  private static final int ROWS_PER_INSERT = 1000;

  /**
   * Appends every value to the history, then moves each key's latest value forward if this batch has
   * a later one. The history is written by multi-row INSERTs (up to {@value #ROWS_PER_INSERT} rows a
   * statement): one statement per row would cost a round trip (PostgreSQL) or a VM run (SQLite) each.
   */
  private static void insertMetrics(Connection c, long runKey, String runId, List<Metric> metrics)
      throws SQLException {
    if (metrics.isEmpty()) {
      return;
    }
    Map<String, Metric> latest = new TreeMap<>();
    for (Metric m : metrics) {
      latest.merge(m.key(), m, (a, b) -> b.isLaterThan(a) ? b : a);
    }
    int full = metrics.size() / ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement p = c.prepareStatement(insertHistory(ROWS_PER_INSERT))) {
        for (int chunk = 0; chunk < full; chunk++) {
          bindHistory(p, runKey, metrics.subList(chunk * ROWS_PER_INSERT, (chunk + 1) * ROWS_PER_INSERT));
          p.executeUpdate();
        }
      }
    }
    int rest = metrics.size() - full * ROWS_PER_INSERT;
    if (rest > 0) {
      try (PreparedStatement p = c.prepareStatement(insertHistory(rest))) {
        bindHistory(p, runKey, metrics.subList(full * ROWS_PER_INSERT, metrics.size()));
        p.executeUpdate();
      }
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO latest_metrics (run_id, key, value, timestamp, step)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value,"
        + " timestamp = excluded.timestamp, step = excluded.step"
        + " WHERE excluded.step > latest_metrics.step"
        + " OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)"
        + " OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp"
        + " AND excluded.value IS NOT NULL AND (latest_metrics.value IS NULL OR excluded.value > latest_metrics.value))")) {
      for (Metric m : latest.values()) {
        p.setString(1, runId);
        p.setString(2, m.key());
        setValue(p, 3, m.value());
        p.setLong(4, m.timestamp());
        p.setLong(5, m.step());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static String insertHistory(int rows) {
    return "INSERT INTO metrics (run_pk, key, value, timestamp, step) VALUES "
        + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?)"));
  }

  private static void bindHistory(PreparedStatement p, long runKey, List<Metric> rows) throws SQLException {
    int i = 1;
    for (Metric m : rows) {
      p.setLong(i++, runKey);
      p.setString(i++, m.key());
      setValue(p, i++, m.value());
      p.setLong(i++, m.timestamp());
      p.setLong(i++, m.step());
    }
  }

  @Override
  public List<Metric> metricHistory(String runId, String key, int offset, int limit) {
    return read(c -> {
      List<Metric> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT key, value, timestamp, step FROM metrics"
          + " WHERE run_pk = (SELECT pk FROM runs WHERE run_id = ?) AND key = ? ORDER BY pk LIMIT ? OFFSET ?")) {
        p.setString(1, runId);
        p.setString(2, key);
        p.setInt(3, limit);
        p.setInt(4, offset);
        p.setFetchSize(Math.min(limit, 10_000));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(metric(rs, 1));
          }
        }
      }
      return out;
    });
  }

  private static void setValue(PreparedStatement p, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      p.setNull(index, Types.DOUBLE);
    } else {
      p.setDouble(index, value);
    }
  }

  /** A metric from (key, value, timestamp, step) starting at column {@code from}; NULL reads as NaN. */
  private static Metric metric(ResultSet rs, int from) throws SQLException {
    double v = rs.getDouble(from + 1);
    double value = rs.wasNull() ? Double.NaN : v;
    return new Metric(rs.getString(from), value, rs.getLong(from + 2), rs.getLong(from + 3));
  }

  private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Double d && Double.isNaN(d)) {
        p.setNull(i + 1, Types.DOUBLE);
      } else {
        p.setObject(i + 1, a);
      }
    }
  }
}
