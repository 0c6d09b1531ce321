package dev.assay.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.Plan;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.SystemSpec;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import dev.assay.core.io.DatasetHasher;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay audit verify} on a real SQLite file: a history made through the audited store
 * verifies, and each kind of edit made directly in the file behind assay's back is caught and
 * pinned on the entry it contradicts.
 */
class AuditVerifierTest {
  @TempDir Path dir;
  private Path db;
  private String verdictId;
  private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T09:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void history() throws Exception {
    db = dir.resolve("assay.db");
    try (SqliteStore sqlite = SqliteStore.open(db)) {
      AuditedStore s = AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), "local:alice", clock);
      List<Example> examples = List.of(Example.of("q1", "one", "ONE"), Example.of("q2", "two", "TWO"));
      Dataset data = new Dataset("d.jsonl", examples, DatasetHasher.hash(examples));
      s.putDataset(data);
      SystemSpec spec = new SystemSpec("sys", "predictions", null, 0);
      for (String id : List.of("run-a", "run-b")) {
        RunRecord run = RunRecord.started(id, "suite", "/s.yaml", "ab", Json.object(), spec, "cc", "d.jsonl",
            data.hash(), 2, 1, List.of("exact_match"), null, null, new Lineage("0.1", "abc", false, "j", "o"), 0,
            clock.instant());
        s.createRun(run);
        s.append(id, List.of(result("q1", 0, 1.0), result("q2", 1, id.equals("run-a") ? 0.0 : 1.0)));
        s.updateRun(run.finish(RunStatus.COMPLETED, clock.instant(), new Counts(2, 0, Map.of()),
            Map.of("exact_match", id.equals("run-a") ? 0.5 : 1.0)));
      }
      s.savePlan(Plan.create(clock.instant(), "b beats a", "s.yaml", "ab", data.hash(), "gg", null));
      VerdictRecord v = new VerdictRecord("verdict-1", clock.instant(), Verdict.FAIL, "suite", "sys", "sys", "run-a",
          "run-b", "run-a", "run-b", "gg", data.hash(), "no_plan", null, "0.1", Json.object());
      verdictId = v.id();
      s.saveVerdict(v);
      s.createModel(new Model("m", clock.instant(), "local:alice", null));
      s.addVersion(new ModelVersion("m", 0, clock.instant(), "local:alice", spec, "cc", null, null, null, "run-a"));
      s.moveAlias(new AliasMove("move-1", "m", "champion", null, 1, AliasMove.Kind.OVERRIDE, clock.instant(),
          "local:alice", "first champion", List.of(), null));
    }
  }

  private static ExampleResult result(String id, int index, double value) {
    return new ExampleResult(id, index, 0, TextNode.valueOf("out " + id), Map.of("exact_match", Score.of(value)),
        3.0, null, null, null, null, 1, false);
  }

  private AuditReport verify(Path file, AuditCheckpoint checkpoint) {
    try (SqliteStore sqlite = SqliteStore.open(file)) {
      return new AuditVerifier(sqlite, sqlite.registry(), sqlite.auditLog()).verify(checkpoint);
    }
  }

  private AuditCheckpoint checkpoint(Path file) {
    try (SqliteStore sqlite = SqliteStore.open(file)) {
      return AuditCheckpoint.of(sqlite.auditLog().last().orElseThrow(), clock.instant(), file.toString());
    }
  }

  private long seqOf(String action, String subject) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement p = c.prepareStatement(
            "SELECT max(seq) FROM audit_log WHERE action = ? AND subjects LIKE ?")) {
      p.setString(1, action);
      p.setString(2, "[\"" + subject + "\"%");
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Runs SQL on the file as an editor with sqlite3 would: triggers dropped first where asked. */
  private void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Test
  void anUntouchedHistoryVerifies() {
    AuditReport report = verify(db, checkpoint(db));
    assertThat(report.findings()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(report.entries()).as("started, dataset, 2 x (created, completed), plan, verdict, model, version, move")
        .isEqualTo(11);
    assertThat(report.objects()).isEqualTo(8);
  }

  @Test
  void aChangedVerdictIsCaughtAtTheEntryThatStoredIt() throws SQLException {
    long stored = seqOf("verdict.stored", "verdict:" + verdictId);
    sql("UPDATE verdicts SET verdict = 'PASS', body = json_set(body, '$.verdict', 'PASS')");
    AuditReport report = verify(db, null);
    assertThat(report.ok()).isFalse();
    assertThat(report.first().orElseThrow().seq()).isEqualTo(stored);
    assertThat(report.first().orElseThrow().subject()).isEqualTo("verdict:" + verdictId);
    assertThat(report.first().orElseThrow().problem()).contains("changed since entry " + stored);
  }

  @Test
  void aChangedScoreOfACompletedRunIsCaught() throws SQLException {
    long completed = seqOf("run.completed", "run:run-a");
    sql("UPDATE results SET body = json_set(body, '$.scores.exact_match', 1.0)"
        + " WHERE example_id = 'q2' AND run_pk = (SELECT pk FROM runs WHERE run_id = 'run-a')");
    AuditReport report = verify(db, null);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.seq()).isEqualTo(completed);
      assertThat(f.subject()).isEqualTo("run:run-a");
    });
  }

  @Test
  void aDeletedEntryIsCaughtAtTheEntryAfterIt() throws SQLException {
    sql("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 5");
    AuditReport report = verify(db, null);
    assertThat(report.first().orElseThrow().seq()).isEqualTo(6);
    assertThat(report.first().orElseThrow().problem()).contains("entry 5 missing");
  }

  @Test
  void twoReorderedEntriesAreCaught() throws SQLException {
    sql("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET seq = -1 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = 5", "UPDATE audit_log SET seq = 5 WHERE seq = -1");
    AuditReport report = verify(db, null);
    assertThat(report.first().orElseThrow().seq()).isEqualTo(4);
    assertThat(report.findings()).extracting(AuditFinding::seq).contains(4L, 5L);
  }

  @Test
  void anAlteredEntryIsCaught() throws SQLException {
    sql("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'local:mallory' WHERE seq = 3");
    AuditReport report = verify(db, null);
    assertThat(report.first().orElseThrow().seq()).isEqualTo(3);
    assertThat(report.first().orElseThrow().problem()).contains("altered");
  }

  @Test
  void aTruncatedTailIsCaughtByTheCheckpoint() throws SQLException {
    AuditCheckpoint cp = checkpoint(db);
    sql("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq > 9");
    AuditReport report = verify(db, cp);
    assertThat(report.first().orElseThrow().seq()).isEqualTo(10);
    assertThat(report.first().orElseThrow().problem()).contains("the log ends at entry 9")
        .contains("recorded entry 11");
  }

  /**
   * Someone who edits a verdict and rebuilds the whole chain to match passes every check the log can
   * make of itself; only a checkpoint taken before, and kept out of their reach, catches them.
   */
  @Test
  void aRebuiltChainIsCaughtOnlyByACheckpoint() throws SQLException {
    AuditCheckpoint cp = checkpoint(db);
    sql("UPDATE verdicts SET verdict = 'PASS', body = json_set(body, '$.verdict', 'PASS')");
    VerdictRecord forged;
    try (SqliteStore sqlite = SqliteStore.open(db)) {
      forged = sqlite.verdict(verdictId).orElseThrow();
    }
    List<AuditEntry> entries = new ArrayList<>();
    try (SqliteStore sqlite = SqliteStore.open(db)) {
      sqlite.auditLog().forEach(entries::add);
    }
    sql("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log");
    AuditEntry previous = null;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      for (AuditEntry e : entries) {
        String content = e.subjects().get(0).equals("verdict:" + verdictId) ? AuditContent.of(forged)
            : e.contentHash();
        AuditEntry rebuilt = AuditEntry.next(previous, e.at(), e.actor(), new AuditEvent(e.action(), e.subjects(),
            content));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          p.setLong(1, rebuilt.seq());
          p.setString(2, rebuilt.at().toString().replace("Z", ".000000000Z"));
          p.setString(3, rebuilt.actor());
          p.setString(4, rebuilt.action());
          p.setString(5, Json.MAPPER.valueToTree(rebuilt.subjects()).toString());
          p.setString(6, rebuilt.contentHash());
          p.setString(7, rebuilt.previousHash());
          p.setString(8, rebuilt.hash());
          p.executeUpdate();
        }
        previous = rebuilt;
      }
    }
    assertThat(verify(db, null).findings()).as("consistent with itself").isEmpty();
    AuditReport withCheckpoint = verify(db, cp);
    assertThat(withCheckpoint.ok()).isFalse();
    assertThat(withCheckpoint.first().orElseThrow().problem()).contains("the log was rewritten");
  }

  @Test
  void aRunAddedBehindAssaysBackIsNotInTheLog() throws SQLException {
    sql("INSERT INTO runs (run_id, started_at, status, system_name, suite_name, header)"
        + " SELECT 'run-x', started_at, status, system_name, suite_name, replace(header, 'run-a', 'run-x')"
        + " FROM runs WHERE run_id = 'run-a'");
    AuditReport report = verify(db, null);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.seq()).isZero();
      assertThat(f.subject()).isEqualTo("run:run-x");
      assertThat(f.problem()).contains("not in the audit log");
    });
  }

  @Test
  void aVerdictDeletedBehindAssaysBackIsMissing() throws SQLException {
    sql("DELETE FROM verdicts");
    AuditReport report = verify(db, null);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("verdict:" + verdictId);
      assertThat(f.problem()).contains("missing from the store");
    });
  }

  @Test
  void anAliasPointedElsewhereIsCaught() throws SQLException {
    try (SqliteStore sqlite = SqliteStore.open(db)) {
      AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), "local:alice", clock).addVersion(
          new ModelVersion("m", 0, clock.instant(), "local:alice", new SystemSpec("s2", "predictions", null, 0), "dd",
              null, null, null, null));
    }
    sql("UPDATE aliases SET version = 2");
    AuditReport report = verify(db, null);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("alias:m/champion");
      assertThat(f.problem()).contains("points at version 2").contains("put it at version 1");
    });
  }

  @Test
  void aStoreFromBeforeTheLogIsAdoptedOnceAndVerifies() throws Exception {
    Path old = dir.resolve("old/assay.db");
    Files.createDirectories(old.getParent());
    try (SqliteStore raw = SqliteStore.open(old)) {
      RunRecord run = RunRecord.started("old-run", "s", null, null, null, new SystemSpec("x", "predictions", null, 0),
          null, null, null, 1, 1, List.of(), null, null, null, 0, clock.instant());
      raw.createRun(run);
      raw.append("old-run", List.of(result("q1", 0, 1.0)));
      raw.updateRun(run.finish(RunStatus.COMPLETED, clock.instant(), new Counts(1, 0, Map.of()), Map.of()));
    }
    try (SqliteStore sqlite = SqliteStore.open(old)) {
      AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), "local:bob", clock);
      AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), "local:bob", clock);
      List<String> actions = new ArrayList<>();
      sqlite.auditLog().forEach(e -> actions.add(e.action()));
      assertThat(actions).containsExactly("audit.started", "run.adopted");
    }
    assertThat(verify(old, null).findings()).isEmpty();
  }
}
