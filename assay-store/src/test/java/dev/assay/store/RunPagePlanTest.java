package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Counts;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.RunQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.SystemSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which rows a page of runs reads, pinned through SQLite's own query plan rather than wall time: a
 * filtered page must be served by the index of its most selective filter, in page order, so it
 * reads the matching runs only (and at most a page of them), never every run with a common status.
 */
class RunPagePlanTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aStatusNextToASystemOrSuiteFilterReadsThatSystemsOrSuitesIndex() throws Exception {
    Path db = dir.resolve("assay.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      // 300 completed runs of common systems and 3 of a rare one: the status index would walk them all
      for (int i = 0; i < 303; i++) {
        store.createRun(run(i, i >= 300 ? "rare" : "common-" + i % 3, "suite-" + i % 2));
      }
      Map<String, RunQuery> cases = Map.of(
          "runs_by_system", new RunQuery(null, "rare", RunStatus.COMPLETED, null, null, false, null, 50),
          "runs_by_suite", new RunQuery("suite-1", null, RunStatus.COMPLETED, null, null, true, null, 50),
          "runs_by_status", new RunQuery(null, null, RunStatus.COMPLETED, null, null, false, null, 50),
          "runs_newest", new RunQuery(null, null, null, T0.plusSeconds(60), null, true, null, 50));
      for (Map.Entry<String, RunQuery> c : cases.entrySet()) {
        String plan = plan(db, SqliteStore.runsSql(c.getValue()));
        assertThat(plan).as("%s", c.getValue()).contains("USING INDEX " + c.getKey() + " (")
            .doesNotContain("SCAN").doesNotContain("TEMP B-TREE");
      }
      String both = plan(db, SqliteStore.runsSql(new RunQuery("suite-0", "rare", RunStatus.COMPLETED, null, null, false,
          null, 50)));
      assertThat(both).doesNotContain("runs_by_status").doesNotContain("TEMP B-TREE");
      // and the page still holds exactly the matching runs, newest first
      List<String> rare = store.runs(new RunQuery(null, "rare", RunStatus.COMPLETED, null, null, false, null, 50))
          .runs().stream().map(RunRecord::runId).toList();
      assertThat(rare).containsExactly("run-302", "run-301", "run-300");
    }
  }

  private static RunRecord run(int i, String system, String suite) {
    RunRecord r = RunRecord.started("run-" + i, suite, "suite.yaml", "ab".repeat(32), Json.object(),
        new SystemSpec(system, "predictions", null, 0), null, "data.jsonl", "cd".repeat(32), 10, 1,
        List.of("exact_match"), null, null, new Lineage("0.1.0", null, null, "jvm", "os"), 0, T0.plusSeconds(i * 60L));
    return r.finish(RunStatus.COMPLETED, r.startedAt().plusSeconds(30), new Counts(10, 0), Map.of("exact_match", 0.5));
  }

  private static String plan(Path db, SqliteStore.Sql sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql.text())) {
      for (int i = 0; i < sql.args().size(); i++) {
        p.setString(i + 1, sql.args().get(i));
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString("detail"));
        }
      }
      return rows.stream().collect(Collectors.joining("\n"));
    }
  }
}
