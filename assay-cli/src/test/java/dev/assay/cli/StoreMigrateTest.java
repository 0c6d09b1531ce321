package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.store.PostgresStore;
import dev.assay.store.SqliteStore;
import dev.assay.testkit.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay store migrate}: an SQLite store copied into a real PostgreSQL is the same store, by
 * the CLI's own exports of every run and by its verdicts, plans and datasets.
 */
class StoreMigrateTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String TWO = CliHarness.FAKE_UPPER + "  upper2:\n    type: fake\n    mode: upper\n"
      + "  wrong:\n    type: fake\n    mode: wrong\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", TWO, "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");
    assertThat(cli.run("plan", "suite.yaml", "--hypothesis", "upper2 is no worse than upper").code()).isZero();
    assertThat(cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "200").code()).isZero();
    assertThat(cli.run("gate", "suite.yaml", "--candidate", "wrong", "--replicates", "200").code()).isEqualTo(1);
  }

  @Test
  void aMigratedStoreExportsEveryRunVerdictPlanAndDatasetIdentically() throws Exception {
    String url = LocalPostgres.shared().createDatabase("migrate");
    CliHarness.Result first = cli.run("store", "migrate", "--to", url, "--format", "json");
    assertThat(first.code()).as(first.toString()).isZero();
    JsonNode summary = Json.MAPPER.readTree(first.out());
    assertThat(summary.path("runs").asInt()).isEqualTo(4);
    assertThat(summary.path("results").asLong()).isEqualTo(160);
    assertThat(summary.path("verdicts").asInt()).isEqualTo(2);
    assertThat(summary.path("plans").asInt()).isEqualTo(1);
    assertThat(summary.path("datasets").asInt()).isEqualTo(1);
    assertThat(first.err()).contains("copied run ");
    // Again: an interrupted copy is finished this way, so a second one must change nothing.
    CliHarness.Result again = cli.run("store", "migrate", "--from", ".assay/assay.db", "--to", url);
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("copied 4 runs (160 results), 1 dataset, 2 verdicts, 1 plan");

    List<String> runIds;
    try (Store sqlite = SqliteStore.open(cli.storeFile())) {
      runIds = sqlite.runs().stream().map(RunRecord::runId).toList();
    }
    assertThat(runIds).hasSize(4);
    for (String id : runIds) {
      assertThat(cli.run("runs", "export", id, "--output", "sqlite-" + id + ".json").code()).isZero();
      CliHarness.Result pg = cli.run("--store", url, "runs", "export", id, "--output", "pg-" + id + ".json");
      assertThat(pg.code()).as(pg.toString()).isZero();
      assertThat(Files.readString(dir.resolve("pg-" + id + ".json")))
          .isEqualTo(Files.readString(dir.resolve("sqlite-" + id + ".json")));
    }
    CliHarness.Result sqliteVerdicts = cli.run("verdicts", "list", "--format", "json");
    CliHarness.Result pgVerdicts = cli.run("--store", url, "verdicts", "list", "--format", "json");
    assertThat(pgVerdicts.code()).isZero();
    assertThat(pgVerdicts.out()).isEqualTo(sqliteVerdicts.out()).contains("PASS", "FAIL");
    CliHarness.Result pgRuns = cli.run("--store", url, "runs", "list", "--format", "json");
    assertThat(pgRuns.out()).isEqualTo(cli.run("runs", "list", "--format", "json").out());

    // assay serve --db: the migrated store over HTTP pages its runs as the SQLite file does
    assertThat(pagedRunIds(List.of("--db", url))).isEqualTo(pagedRunIds(List.of()))
        .containsExactlyInAnyOrderElementsOf(runIds);

    try (Store sqlite = SqliteStore.open(cli.storeFile()); Store pg = PostgresStore.open(url)) {
      assertThat(pg.plans()).isEqualTo(sqlite.plans()).hasSize(1);
      assertThat(pg.datasets()).isEqualTo(sqlite.datasets()).hasSize(1);
      for (String hash : sqlite.datasets().stream().map(dev.assay.core.DatasetInfo::hash).toList()) {
        assertThat(pg.dataset(hash).orElseThrow().examples()).isEqualTo(sqlite.dataset(hash).orElseThrow().examples());
      }
      for (VerdictRecord v : sqlite.verdicts(VerdictRecord.Query.ALL)) {
        assertThat(Json.canonical(Json.tree(pg.verdict(v.id()).orElseThrow()))).isEqualTo(Json.canonical(Json.tree(v)));
      }
    }
  }

  /** Every run id {@code assay serve} lists, newest first, paged two at a time through its cursors. */
  private List<String> pagedRunIds(List<String> serveArgs) throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try (Served served = Served.start(dir, java.util.Map.of(), List.of(), serveArgs.toArray(String[]::new))) {
      String cursor = null;
      do {
        String query = "/api/v1/runs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
        java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(served.url + query)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = Json.MAPPER.readTree(r.body());
        page.path("runs").forEach(run -> ids.add(run.path("run_id").asText()));
        cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
      } while (cursor != null && ids.size() < 100);
      assertThat(served.stop()).isZero();
    }
    return ids;
  }

  @Test
  void aMissingSourceTheSameStoreTwiceAndAnUnreachableDatabaseAreInputErrors() {
    CliHarness.Result missing = cli.run("store", "migrate", "--from", "nowhere/assay.db", "--to", "copy.db");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no store at").contains("nowhere");
    assertThat(dir.resolve("nowhere")).doesNotExist();

    CliHarness.Result same = cli.run("store", "migrate", "--to", ".assay/assay.db");
    assertThat(same.code()).isEqualTo(2);
    assertThat(same.err()).contains("name the same store");

    CliHarness.Result down = cli.run("store", "migrate", "--to",
        "jdbc:postgresql://127.0.0.1:1/none?user=u&password=hunter2");
    assertThat(down.code()).as(down.toString()).isEqualTo(2);
    assertThat(down.err()).contains("cannot connect").contains("password=***").doesNotContain("hunter2");
    assertThat(down.out()).isEmpty();
  }

  @Test
  void migratingIntoAnotherSqliteFileWorksToo() throws Exception {
    CliHarness.Result r = cli.run("store", "migrate", "--to", "copy/assay.db");
    assertThat(r.code()).as(r.toString()).isZero();
    CliHarness.Result copy = cli.run("--store", "copy/assay.db", "verdicts", "list", "--format", "json");
    assertThat(copy.out()).isEqualTo(cli.run("verdicts", "list", "--format", "json").out());
  }
}
