package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunQuery;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.testkit.LocalPostgres;
import dev.assay.testkit.StoreConformance;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The store conformance kit against a real PostgreSQL, one fresh database per test. */
class PostgresStoreTest extends StoreConformance {
  /** A test's directory to its database, so that reopening finds the same data. */
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

  @Override
  protected Store openStore(Path dir) {
    return PostgresStore.open(url());
  }

  private String url() {
    return DATABASES.computeIfAbsent(dir, d -> LocalPostgres.shared().createDatabase("store"));
  }

  @Test
  void tablesLiveInTheAssaySchemaWithFlywayHistory() throws SQLException {
    assertThat(queryString("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'assay'"
        + " AND table_name IN ('runs', 'results', 'datasets', 'verdicts', 'plans', 'calibrations', 'run_leases')"))
        .isEqualTo("7");
    assertThat(queryString("SELECT max(version) FROM assay.flyway_schema_history WHERE success")).isEqualTo("4");
  }

  @Test
  void smallBodiesAreTextAndLargeOnesDeflatedBytes() throws SQLException {
    store.createRun(fullRun("run-enc", Instant.ofEpochMilli(1)));
    store.append("run-enc", unusualResults(new Random(SEED)));
    assertThat(queryString("SELECT body_text::json ->> 'error' FROM assay.results WHERE example_id = 'err'"))
        .startsWith("boom");
    assertThat(queryString("SELECT encoding || ':' || (body_text IS NULL) FROM assay.results"
        + " WHERE example_id = 'large-compressible'")).isEqualTo(RecordCodec.DEFLATE + ":true");
    assertThat(queryString("SELECT count(*) FROM assay.results WHERE NOT ok")).isEqualTo("2");
  }

  @Test
  void anAppendPuttingAnotherExampleAtAStoredKeyWritesNothing() {
    store.createRun(fullRun("run-x", Instant.ofEpochMilli(1)));
    store.append("run-x", List.of(ok("a", 0, 0, "first")));
    assertThatThrownBy(() -> store.append("run-x", List.of(ok("c", 1, 0, "new"), ok("b", 0, 0, "other"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("example 'b'")
        .hasMessageContaining("example 'a'");
    assertThat(store.results("run-x")).extracting(ExampleResult::id).containsExactly("a");
  }

  @Test
  void aDatabaseMigratedByANewerAssayIsRefused() throws SQLException {
    store.close();
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO assay.flyway_schema_history (installed_rank, version, description, type, script,"
          + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql',"
          + " 0, 'test', 0, true)");
    }
    store = null;
    assertThatThrownBy(() -> PostgresStore.open(url())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema assay").hasMessageContaining("99");
  }

  @Test
  void anUnreachableDatabaseIsOneMessageWithoutThePassword() {
    assertThatThrownBy(() -> PostgresStore.open("jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=secret"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("password=***")
        .hasMessageNotContaining("secret");
  }

  /**
   * A page of runs is read from an index in the query's order whatever the filter: the plan has no
   * sort and no sequential scan of the runs table, so a page costs about the same with 100,000 runs
   * as with 100 (the default of Store.runs(RunQuery) would read them all).
   */
  @Test
  void runPagesAreReadFromAnIndexWithoutSorting() throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO assay.runs (run_id, started_at, status, system_name, suite_name, header)"
          + " SELECT 'run-' || i, timestamptz '2024-01-01 00:00:00+00' + (i / 3) * interval '1 minute',"
          + " CASE WHEN i % 3 = 0 THEN 'running' ELSE 'completed' END, 'sys-' || (i % 10), 'suite-' || (i % 20), '{}'"
          + " FROM generate_series(1, 30000) i");
      s.execute("ANALYZE assay.runs");
    }
    RunQuery.Position after = new RunQuery.Position(Instant.parse("2024-01-05T00:00:00Z"), "run-17280");
    List<RunQuery> queries = List.of(RunQuery.newest(50), RunQuery.newest(50).after(after),
        new RunQuery(null, null, null, null, null, true, after, 50),
        new RunQuery("suite-3", null, null, null, null, true, after, 50),
        new RunQuery(null, "sys-4", null, null, null, false, null, 50),
        new RunQuery(null, null, RunStatus.RUNNING, null, null, false, after, 50),
        new RunQuery(null, null, null, Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-01-03T00:00:00Z"),
            false, null, 50));
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("SET search_path = assay");
      for (RunQuery q : queries) {
        PostgresStore.SqlQuery page = PostgresStore.runPage(q);
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement p = new PostgresStore.SqlQuery("EXPLAIN " + page.sql(), page.args()).prepare(c);
            ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        assertThat(plan.toString()).as("%s%n%s", q, plan).contains("Index").doesNotContain("Sort")
            .doesNotContain("Seq Scan");
      }
    }
  }

  /**
   * A store with one large run and an empty one, statistics gathered: the empty run's counts and last
   * result are read through the key index, not by scanning every result. (With the run's key as a
   * subquery the planner assumed an average run, which here is all of them.)
   */
  @Test
  void anEmptyRunBesideAHugeOneIsCountedThroughTheIndex() throws SQLException {
    store.createRun(fullRun("run-huge", Instant.ofEpochMilli(1)));
    store.createRun(fullRun("run-empty", Instant.ofEpochMilli(2)));
    long empty;
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO assay.results (run_pk, example_index, repeat, example_id, ok, attempts, cached, encoding,"
          + " body_text) SELECT (SELECT pk FROM assay.runs WHERE run_id = 'run-huge'), i, 0, 'e' || i, i % 3 <> 0, 1,"
          + " false, 0, '{}' FROM generate_series(0, 49999) i");
      s.execute("ANALYZE assay.results");
      empty = Long.parseLong(queryString("SELECT pk FROM assay.runs WHERE run_id = 'run-empty'"));
    }
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("SET search_path = assay");
      for (String sql : List.of(PostgresStore.RESULT_COUNTS, PostgresStore.LAST_RESULT)) {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
          p.setLong(1, empty);
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
        }
        assertThat(plan.toString()).as("%s%n%s", sql, plan).contains("Index").doesNotContain("Seq Scan");
      }
      try (ResultSet rs = s.executeQuery("EXPLAIN SELECT count(*) FROM results WHERE run_pk ="
          + " (SELECT pk FROM runs WHERE run_id = 'run-empty')")) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
        assertThat(plan.toString()).as("the subquery form this replaced%n%s", plan).contains("Seq Scan on results");
      }
    }
    assertThat(store.resultStats("run-empty")).isEqualTo(dev.assay.core.ResultStats.NONE);
    assertThat(store.resultStats("run-huge").stored()).isEqualTo(50_000);
  }

  private String queryString(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
