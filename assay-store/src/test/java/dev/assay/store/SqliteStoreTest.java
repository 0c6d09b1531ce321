package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.ExampleResult;
import dev.assay.core.Store;
import dev.assay.testkit.StoreConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreConformance {
  @Override
  protected Store openStore(Path dir) {
    return SqliteStore.open(dir.resolve("nested/folders/assay.db"));
  }

  private Path dbFile() {
    return dir.resolve("nested/folders/assay.db");
  }

  @Test
  void createsTheFileAndItsFoldersInWalMode() throws SQLException {
    assertThat(dbFile()).isRegularFile();
    assertThat(queryString("PRAGMA journal_mode")).isEqualTo("wal");
  }

  @Test
  void smallBodiesAreReadableJsonAndLargeOnesDeflated() throws SQLException {
    store.createRun(fullRun("run-enc", Instant.ofEpochMilli(1)));
    List<ExampleResult> kinds = unusualResults(new Random(SEED));
    store.append("run-enc", kinds);
    assertThat(queryString("SELECT json_extract(body, '$.error') FROM results WHERE example_id = 'err'"))
        .startsWith("boom");
    assertThat(queryString("SELECT json_extract(body, '$.scores.bleu.statistics[4]') FROM results"
        + " WHERE example_id = 'typed-scores'")).isEqualTo("4.0");
    assertThat(queryString("SELECT json_extract(body, '$.metric_errors.f1') FROM results"
        + " WHERE example_id = 'scoring-failed'")).isEqualTo("reference missing");
    assertThat(queryString("SELECT json_extract(body, '$.latency_ms') FROM results WHERE example_id = 'nan-latency'"))
        .isEqualTo("NaN");
    assertThat(queryString("SELECT encoding || typeof(body) FROM results WHERE example_id = 'large-compressible'"))
        .isEqualTo(RecordCodec.DEFLATE + "blob");
    assertThat(Long.parseLong(queryString("SELECT length(body) FROM results WHERE example_id = 'large-compressible'")))
        .isLessThan(100_000);
    assertThat(queryString("SELECT count(*) FROM results WHERE ok = 0")).isEqualTo("2");
  }

  @Test
  void runsAreSortedByTimeNotByTheTextOfTheirInstants() {
    // "…:00Z" sorts after "…:00.5Z" as text; the stored column must not.
    store.createRun(fullRun("r-whole", Instant.parse("2024-01-01T00:00:00Z")));
    store.createRun(fullRun("r-half", Instant.parse("2024-01-01T00:00:00.500Z")));
    store.createRun(fullRun("r-nanos", Instant.parse("2024-01-01T00:00:00.000000001Z")));
    assertThat(store.runs()).extracting(dev.assay.core.RunRecord::runId).containsExactly("r-half", "r-nanos", "r-whole");
    assertThat(store.run("r-nanos").orElseThrow().startedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00.000000001Z"));
  }

  @Test
  void twoStoresOnOneFileSeeEachOthersWrites() {
    try (SqliteStore second = SqliteStore.open(dbFile())) {
      store.createRun(fullRun("run-shared", Instant.ofEpochMilli(1)));
      second.append("run-shared", List.of(ok("q1", 0, 0, "from second")));
      assertThat(store.results("run-shared")).extracting(r -> r.output().textValue()).containsExactly("from second");
    }
  }

  @Test
  void aStreamSeesTheRunAsItWasWhenItBegan() {
    store.createRun(fullRun("run-snap", Instant.ofEpochMilli(1)));
    store.append("run-snap", syntheticResults(20, 1, new Random(SEED)));
    List<ExampleResult> seen = new ArrayList<>();
    store.forEachResult("run-snap", r -> {
      if (seen.isEmpty()) {
        store.append("run-snap", List.of(ok("late", 99, 0, "after the stream began")));
      }
      seen.add(r);
    });
    assertThat(seen).hasSize(20);
    assertThat(store.results("run-snap")).hasSize(21);
  }

  @Test
  void aDifferentExampleAtAStoredIndexIsRefusedAndTheAppendUndone() {
    store.createRun(fullRun("run-slot", Instant.ofEpochMilli(1)));
    store.append("run-slot", List.of(ok("q1", 0, 0, "a")));
    assertThatThrownBy(() -> store.append("run-slot", List.of(ok("q2", 1, 0, "b"), ok("intruder", 0, 0, "c"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'intruder' has dataset index 0 (repeat 0), where example 'q1' is stored")
        .hasMessageContaining(dbFile().toString());
    assertThat(store.results("run-slot")).extracting(ExampleResult::id).containsExactly("q1");
    store.append("run-slot", List.of(ok("q2", 1, 0, "b")));
    assertThat(store.completedKeys("run-slot")).hasSize(2);
  }

  @Test
  void nanLatencyAndCostSurviveTheRealColumns() {
    store.createRun(fullRun("run-nan-cols", Instant.ofEpochMilli(1)));
    ExampleResult odd = new ExampleResult("q", 0, 0, com.fasterxml.jackson.databind.node.TextNode.valueOf("a"),
        java.util.Map.of(), Double.NaN, null, null, Double.NaN, null, 1, false);
    store.append("run-nan-cols", List.of(odd));
    assertThat(store.results("run-nan-cols")).containsExactly(odd);
  }

  @Test
  void powerLossDurabilityOpensAndWorks() {
    try (SqliteStore full = SqliteStore.open(dir.resolve("full.db"), Durability.POWER_LOSS)) {
      full.createRun(fullRun("run-full", Instant.ofEpochMilli(1)));
      full.append("run-full", List.of(ok("q1", 0, 0, "a")));
      assertThat(full.results("run-full")).hasSize(1);
      assertThat(full.durability()).isEqualTo(Durability.POWER_LOSS);
    }
  }

  @Test
  void aClosedStoreRefusesWorkAndNamesItsFile() {
    store.close();
    assertThatThrownBy(() -> store.runs()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dbFile().toString()).hasMessageContaining("closed");
    store.close();
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedWithItsName() throws Exception {
    Path text = dir.resolve("notes.db");
    Files.writeString(text, "these are notes, not a database\n".repeat(100));
    assertThatThrownBy(() -> SqliteStore.open(text)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(text.toString());
  }

  private String queryString(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }
}
