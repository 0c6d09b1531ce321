package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Counts;
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
    assertThat(ints(db, "SELECT version FROM schema_version ORDER BY version")).containsExactly(1);
    assertThat(ints(db, "PRAGMA application_id")).containsExactly(StoreSchema.APPLICATION_ID);
  }

  @Test
  void anExistingVersionOneStoreOpensWithoutMigratingAgain() throws SQLException {
    Path db = dir.resolve("assay.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      store.createRun(run("r1"));
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.run("r1")).isPresent();
    }
    assertThat(ints(db, "SELECT version FROM schema_version")).containsExactly(1);
  }

  @Test
  void aStoreFromANewerAssayIsRefusedNamingTheFile() throws SQLException {
    Path db = dir.resolve("assay.db");
    SqliteStore.open(db).close();
    execute(db, "INSERT INTO schema_version (version, applied_at) VALUES (2, '2030-01-01T00:00:00Z')");
    assertThatThrownBy(() -> SqliteStore.open(db))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(db.toString())
        .hasMessageContaining("schema version 2")
        .hasMessageContaining("newer than this assay understands (1)");
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
    return new RunRecord(RunRecord.FORMAT_VERSION, id, "s", null, null, null, "sys", null, null, null, 0, 1,
        List.of(), null, 0L, Instant.ofEpochMilli(0), null, RunStatus.RUNNING, Counts.ZERO, Map.of());
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
