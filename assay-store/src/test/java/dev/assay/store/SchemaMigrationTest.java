package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Counts;
import dev.assay.core.RunLease;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
  @TempDir Path dir;

  @Test
  void aNewStoreIsAtTheLatestVersionAndMarkedAsAStore() throws SQLException {
    Path db = dir.resolve("assay.db");
    SqliteStore.open(db).close();
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(ints(db, "PRAGMA application_id")).containsExactly(StoreSchema.APPLICATION_ID);
  }

  @Test
  void anExistingStoreOpensWithoutMigratingAgain() throws SQLException {
    Path db = dir.resolve("assay.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      store.createRun(run("r1"));
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.run("r1")).isPresent();
    }
    assertThat(ints(db, "SELECT version FROM schema_version")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aStoreFromANewerAssayIsRefusedNamingTheFile() throws SQLException {
    Path db = dir.resolve("assay.db");
    SqliteStore.open(db).close();
    int next = StoreSchema.SCHEMA.latest() + 1;
    execute(db, "INSERT INTO schema_version (version, applied_at) VALUES (" + next + ", '2030-01-01T00:00:00Z')");
    assertThatThrownBy(() -> SqliteStore.open(db))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(db.toString())
        .hasMessageContaining("schema version " + next)
        .hasMessageContaining("newer than this assay understands (" + StoreSchema.SCHEMA.latest() + ")");
  }

  /**
   * A store written by the first release (schema 1, run records of format 1 with flat scores,
   * {@code #} statistics and separate notes; plans as files beside it) opens, migrates forward and
   * reads back every run, result and plan: typed scores, the system's content hash, the suite's
   * engine settings and cluster field.
   */
  @Test
  void aVersionOneStoreMigratesForwardWithoutLosingAnything() throws Exception {
    Path db = dir.resolve("assay.db");
    migrate(db, new Schema("store", StoreSchema.APPLICATION_ID, List.of(StoreSchema.V1)));
    String header = "{\"format_version\":1,\"run_id\":\"r-old\",\"suite_name\":\"mt\",\"suite_path\":\"/x/s.yaml\","
        + "\"suite_hash\":\"aa\",\"suite\":{\"concurrency\":3,\"timeout\":\"30s\",\"cluster\":\"doc\"},"
        + "\"system_name\":\"cand\",\"system_spec\":{\"name\":\"cand\",\"type\":\"predictions\","
        + "\"params\":{\"path\":\"p.jsonl\"},\"content_hash\":\"cc\"},\"dataset_path\":\"d.jsonl\","
        + "\"dataset_hash\":\"dd\",\"dataset_size\":1,\"repeats\":1,\"metrics\":[\"bleu\",\"f1_macro\",\"judge\"],"
        + "\"lineage\":{\"assay_version\":\"0.1.0\",\"jvm\":\"j\",\"os\":\"o\"},\"seed\":4,"
        + "\"started_at\":\"2026-11-01T00:00:00Z\",\"status\":\"completed\",\"counts\":{\"ok\":1,\"error\":0},"
        + "\"aggregates\":{\"bleu\":21.5}}";
    String body = "{\"output\":\"hallo\",\"scores\":{\"bleu\":21.5,\"bleu#0\":3,\"bleu#1\":1,\"f1_macro#true=pos\":1,"
        + "\"f1_macro#pred=neg\":1,\"judge\":0.5},\"notes\":{\"judge\":\"half right\"}}";
    execute(db, "INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header) VALUES ('r-old', "
        + "'2026-11-01T00:00:00.000000000Z', 'completed', 'cand', 'mt', '" + header + "')");
    execute(db, "INSERT INTO results (run_pk, example_index, repeat, example_id, ok, attempts, cached, encoding, body)"
        + " VALUES ((SELECT pk FROM runs), 0, 0, 'q1', 1, 1, 0, 0, '" + body + "')");
    dev.assay.core.Plan plan = dev.assay.core.Plan.create(Instant.parse("2026-10-01T00:00:00Z"), "cand wins", "s.yaml",
        "aa", "dd", "gg", null);
    java.nio.file.Files.createDirectories(dir.resolve("plans"));
    java.nio.file.Files.writeString(dir.resolve("plans").resolve(plan.hash() + ".json"), plan.toJson().toString());
    java.nio.file.Files.writeString(dir.resolve("plans").resolve("edited.json"), "{\"format_version\":1}");

    try (SqliteStore store = SqliteStore.open(db)) {
      RunRecord run = store.run("r-old").orElseThrow();
      assertThat(run.contentHash()).isEqualTo("cc");
      assertThat(run.system().param("path", null)).isEqualTo("p.jsonl");
      assertThat(run.engine().concurrency()).isEqualTo(3);
      assertThat(run.engine().timeout()).isEqualTo(java.time.Duration.ofSeconds(30));
      assertThat(run.cluster()).isEqualTo("doc");
      var result = store.results("r-old").get(0);
      assertThat(result.scores().get("bleu").statistics()).containsExactly(3, 1);
      assertThat(result.scores().get("bleu").value()).isEqualTo(21.5);
      assertThat(result.scores().get("f1_macro").labels()).containsExactly("pos", "neg");
      assertThat(result.scores().get("f1_macro").hasValue()).isFalse();
      assertThat(result.scores().get("judge").note()).isEqualTo("half right");
      assertThat(store.plans()).containsExactly(plan);
    }
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  /**
   * A store of schema 3 (runs, datasets, verdicts, plans, run indexes) gains the registry and the audit log,
   * keeps its runs, and the immutability triggers of schema 4 (and 5: calibrations) are in place.
   */
  @Test
  void aVersionThreeStoreGainsTheRegistryAndTheAuditLog() throws SQLException {
    Path db = dir.resolve("assay.db");
    migrate(db, new Schema("store", StoreSchema.APPLICATION_ID, List.of(StoreSchema.V1, StoreSchema.V2, StoreSchema.V3)));
    String header = RecordCodec.header(run("r2")).replace("'", "''");
    execute(db, "INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header) VALUES ('r2', "
        + "'1970-01-01T00:00:00.000000000Z', 'running', 'sys', 's', '" + header + "')");
    assertThat(ints(db, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'")).containsExactly(0);

    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.run("r2")).isPresent();
      assertThat(store.registry().models()).isEmpty();
      assertThat(store.auditLog().started()).isFalse();
    }
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(ints(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")).containsExactly(11);
  }

  /**
   * A schema-4 store (before calibrations) opens, gains the calibrations table and keeps its runs;
   * a stored calibration cannot be changed in the file.
   */
  @Test
  void aVersionFourStoreMigratesForwardAndKeepsCalibrations() throws Exception {
    Path db = dir.resolve("assay.db");
    migrate(db, new Schema("store", StoreSchema.APPLICATION_ID, List.of(StoreSchema.V1, StoreSchema.V2,
        StoreSchema.V3, StoreSchema.V4)));
    execute(db, "INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header) VALUES ('r2', "
        + "'2026-11-01T00:00:00.000000000Z', 'completed', 'cand', 'qa', '{\"format_version\":2,\"run_id\":\"r2\","
        + "\"system_spec\":{\"name\":\"cand\",\"type\":\"predictions\"},\"status\":\"completed\"}')");
    var calibration = new dev.assay.core.CalibrationRecord("c1", Instant.parse("2026-11-02T00:00:00Z"),
        "hallucination", "ab".repeat(32), "hallucination:model=j", "labels.jsonl", "cd".repeat(32), 40,
        Map.of("none", new dev.assay.core.CalibrationRecord.KappaValue(0.7, 0.1)), 0.9, "0.1.0", null);
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.run("r2")).isPresent();
      assertThat(store.run("r2").orElseThrow().judges()).isEmpty();
      store.saveCalibration(calibration);
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.calibrations(dev.assay.core.CalibrationRecord.Query.ofJudge("ab".repeat(32))))
          .extracting(c -> c.kappa().get("none").estimate()).containsExactly(0.7);
    }
    assertThatThrownBy(() -> execute(db, "UPDATE calibrations SET body = '{}'")).isInstanceOf(SQLException.class)
        .hasMessageContaining("never changed");
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1, 2, 3, 4, 5, 6);
  }

  /**
   * A store of schema 4 (before calibrations and run leases) with a run left running migrates to 6: the run and its
   * results are kept, it has no lease, and a lease on it can be taken, renewed and released.
   */
  @Test
  void aVersionFourStoreMigratesToRunLeases() throws Exception {
    Path db = dir.resolve("assay.db");
    migrate(db, new Schema("store", StoreSchema.APPLICATION_ID, List.of(StoreSchema.V1, StoreSchema.V2, StoreSchema.V3,
        StoreSchema.V4)));
    assertThat(ints(db, "SELECT count(*) FROM sqlite_master WHERE name = 'run_leases'")).containsExactly(0);
    // Written by the schema-4 code path: a run and one result.
    String header = RecordCodec.header(run("r-running"));
    execute(db, "INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header) VALUES ('r-running', "
        + "'1970-01-01T00:00:00.000000000Z', 'running', 'sys', 's', '" + header.replace("'", "''") + "')");

    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.run("r-running")).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RunStatus.RUNNING));
      assertThat(store.lease("r-running")).isEmpty();
      Instant now = Instant.parse("2026-12-01T00:00:00Z");
      RunLease lease = new RunLease("r-running", "owner-1", "resume", 7, "h", now, now, now.plusSeconds(30));
      assertThat(store.acquireLease(lease, now)).isEqualTo(lease);
      assertThat(store.renewLease("r-running", "owner-1", now.plusSeconds(10), now.plusSeconds(40))).isTrue();
      store.releaseLease("r-running", "owner-1");
      assertThat(store.lease("r-running")).isEmpty();
    }
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(ints(db, "SELECT count(*) FROM runs")).containsExactly(1);
  }

  @Test
  void anotherSqliteDatabaseIsRefused() throws SQLException {
    Path db = dir.resolve("other.db");
    execute(db, "CREATE TABLE people (name TEXT)");
    assertThatThrownBy(() -> SqliteStore.open(db))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(db + " is not an assay store");
    assertThat(ints(db, "SELECT count(*) FROM sqlite_master WHERE name = 'runs'")).containsExactly(0);
  }

  @Test
  void theCacheFileIsNotMistakenForAStoreNorTheReverse() {
    Path cache = dir.resolve("cache.db");
    SqliteResponseCache.open(cache).close();
    assertThatThrownBy(() -> SqliteStore.open(cache)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not an assay store");
    Path store = dir.resolve("assay.db");
    SqliteStore.open(store).close();
    assertThatThrownBy(() -> SqliteResponseCache.open(store)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not an assay response cache");
  }

  @Test
  void laterMigrationsApplyForwardInOrderOnce() throws SQLException {
    Path db = dir.resolve("evolving.db");
    Schema.Migration v1 = new Schema.Migration(1, List.of("CREATE TABLE t (a INTEGER)", "INSERT INTO t VALUES (1)"));
    Schema.Migration v2 = new Schema.Migration(2, List.of("ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 7"));
    Schema.Migration v3 = new Schema.Migration(3, List.of("UPDATE t SET b = b * 2"));
    migrate(db, new Schema("test", 42, List.of(v1)));
    assertThat(migrate(db, new Schema("test", 42, List.of(v1, v2, v3)))).isEqualTo(3);
    migrate(db, new Schema("test", 42, List.of(v1, v2, v3)));
    assertThat(ints(db, "SELECT b FROM t")).containsExactly(14);
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1, 2, 3);
  }

  @Test
  void aFailingMigrationLeavesThePreviousVersionIntact() throws SQLException {
    Path db = dir.resolve("evolving.db");
    Schema.Migration v1 = new Schema.Migration(1, List.of("CREATE TABLE t (a INTEGER)"));
    Schema.Migration broken = new Schema.Migration(2, List.of("ALTER TABLE t ADD COLUMN b INTEGER", "NOT SQL"));
    migrate(db, new Schema("test", 42, List.of(v1)));
    assertThatThrownBy(() -> migrate(db, new Schema("test", 42, List.of(v1, broken))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(db.toString());
    assertThat(ints(db, "SELECT version FROM schema_version")).containsExactly(1);
    assertThat(ints(db, "SELECT count(*) FROM pragma_table_info('t') WHERE name = 'b'")).containsExactly(0);
  }

  @Test
  void migrationsMustBeNumberedFromOne() {
    assertThatThrownBy(() -> new Schema("test", 1, List.of(new Schema.Migration(2, List.of()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int migrate(Path db, Schema schema) {
    try (Connection c = SqliteFiles.open(db, Durability.PROCESS_CRASH, true)) {
      return schema.migrate(c, db);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RunRecord run(String id) {
    return RunRecord.started(id, "s", null, null, null, new dev.assay.core.SystemSpec("sys", "predictions", null, 0),
        null, null, null, 0, 1, List.of(), null, null, null, 0L, Instant.ofEpochMilli(0));
  }

  private static void execute(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<Integer> ints(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Integer> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
      return out;
    }
  }
}
