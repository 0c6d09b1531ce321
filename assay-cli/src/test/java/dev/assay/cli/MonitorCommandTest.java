package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay monitor profile|check}: exit codes, both streams, JSON, HTML, every input format. */
class MonitorCommandTest {
  @TempDir
  Path dir;

  /** {@code n} rows of (ts, latency, country, score); latency scaled and a new country when drifted. */
  private Path log(String name, int n, long seed, boolean drift) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    String[] countries = drift ? new String[] {"US", "DE", "BR", "BR"} : new String[] {"US", "DE", "FR", "US"};
    for (int i = 0; i < n; i++) {
      double latency = Math.exp(6.5 + 0.3 * r.nextGaussian()) * (drift ? 1.5 : 1);
      sb.append(String.format(java.util.Locale.ROOT,
          "{\"ts\":\"2026-05-0%dT%02d:00:00Z\",\"latency_ms\":%.2f,\"country\":\"%s\",\"score\":%d}%n",
          1 + i * 2 / n, (i * 24 / n) % 24, latency, countries[r.nextInt(4)], r.nextInt(2)));
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString());
    return p;
  }

  private CliHarness cli() {
    return new CliHarness(dir);
  }

  @Test
  void profileThenCheckExitsZeroWithoutDriftAndOneWithDrift() throws IOException {
    log("ref.jsonl", 3000, 1, false);
    log("same.jsonl", 2000, 2, false);
    log("drifted.jsonl", 2000, 3, true);
    CliHarness.Result p = cli().run("monitor", "profile", "ref.jsonl", "--columns", "latency_ms,country,score",
        "--output", "profile.json");
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(p.out()).contains("profiled 3000 rows", "latency_ms (numeric)", "country (categorical)");
    assertThat(p.err()).isEmpty();

    CliHarness.Result ok = cli().run("monitor", "check", "--reference", "profile.json", "--current", "same.jsonl");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("no drift", "Benjamini-Hochberg");

    CliHarness.Result drift = cli().run("monitor", "check", "--reference", "profile.json", "--current",
        "drifted.jsonl", "--html", "drift.html", "--format", "json");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(1);
    JsonNode j = Json.MAPPER.readTree(drift.out());
    assertThat(j.get("drift").asBoolean()).isTrue();
    JsonNode report = j.get("reports").get(0);
    assertThat(report.get("drifted_columns").toString()).contains("latency_ms", "country");
    assertThat(report.get("drifted_columns").toString()).doesNotContain("score");
    assertThat(report.get("correction").asText()).isEqualTo("benjamini-hochberg");
    assertThat(drift.err()).contains("wrote").contains("drift.html");
    String html = Files.readString(dir.resolve("drift.html"));
    assertThat(html).contains("<svg", "latency_ms: share per reference quantile bin", "Content-Security-Policy")
        .doesNotContain("<script");
  }

  @Test
  void windowsSplitTheCurrentDataByTimestamp() throws IOException {
    log("ref.jsonl", 2000, 1, false);
    // Day 1 as the reference, day 2 drifted.
    Path cur = dir.resolve("cur.jsonl");
    Files.writeString(cur, Files.readString(log("a.jsonl", 1000, 5, false)).replace("2026-05-02", "2026-05-01")
        + Files.readString(log("b.jsonl", 1000, 6, true)).replace("2026-05-01", "2026-05-02"));
    cli().run("monitor", "profile", "ref.jsonl", "--columns", "latency_ms,country", "--output", "p.json");
    CliHarness.Result r = cli().run("monitor", "check", "--reference", "p.json", "--current", "cur.jsonl",
        "--window", "1d", "--timestamp", "ts", "--format", "json");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    JsonNode reports = Json.MAPPER.readTree(r.out()).get("reports");
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0).get("window").asText()).isEqualTo("2026-05-01T00:00:00Z");
    assertThat(reports.get(0).get("drift").asBoolean()).isFalse();
    assertThat(reports.get(1).get("drift").asBoolean()).isTrue();
  }

  @Test
  void csvAndParquetGiveTheSameProfileAsJsonl() throws Exception {
    Random r = new Random(9);
    StringBuilder csv = new StringBuilder("x,label\n");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      double x = Math.round(r.nextGaussian() * 1000) / 1000.0;
      String label = "L" + r.nextInt(3);
      csv.append(x).append(',').append(label).append('\n');
      jsonl.append("{\"x\":").append(x).append(",\"label\":\"").append(label).append("\"}\n");
    }
    Files.writeString(dir.resolve("d.csv"), csv.toString());
    Files.writeString(dir.resolve("d.jsonl"), jsonl.toString());
    Path parquet = dir.resolve("d.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        var s = c.prepareStatement("COPY (SELECT * FROM read_csv(?, header = true)) TO '"
            + parquet.toString().replace("'", "''") + "' (FORMAT parquet)")) {
      s.setString(1, dir.resolve("d.csv").toString());
      s.execute();
    }
    for (String f : new String[] {"d.csv", "d.jsonl", "d.parquet"}) {
      CliHarness.Result p = cli().run("monitor", "profile", f, "--output", f + ".profile.json");
      assertThat(p.code()).as(p.toString()).isZero();
    }
    JsonNode a = Json.MAPPER.readTree(dir.resolve("d.csv.profile.json").toFile());
    JsonNode b = Json.MAPPER.readTree(dir.resolve("d.jsonl.profile.json").toFile());
    JsonNode c = Json.MAPPER.readTree(dir.resolve("d.parquet.profile.json").toFile());
    for (JsonNode other : new JsonNode[] {b, c}) {
      for (int i = 0; i < 2; i++) {
        JsonNode x = a.get("columns").get(i);
        JsonNode y = other.get("columns").get(i);
        java.util.Iterator<String> keys = x.fieldNames();
        while (keys.hasNext()) {
          String k = keys.next();
          if (k.equals("quantiles") || k.equals("kll")) {
            continue; // the KLL sketch's compaction is randomised by DataSketches (documented)
          }
          // Compared field by field so a failure names the field, not 20 KB of base64.
          assertThat(y.get(k) == null ? "absent" : y.get(k).toString().length() > 200
              ? Integer.toHexString(y.get(k).toString().hashCode()) : y.get(k).toString())
              .as("column %d field %s", i, k).isEqualTo(x.get(k).toString().length() > 200
                  ? Integer.toHexString(x.get(k).toString().hashCode()) : x.get(k).toString());
        }
      }
    }
  }

  @Test
  void badInputIsOneLineNamingFileLineAndField() throws IOException {
    log("ref.jsonl", 300, 1, false);
    cli().run("monitor", "profile", "ref.jsonl", "--columns", "latency_ms,country", "--output", "p.json");
    Files.writeString(dir.resolve("broken.jsonl"), "{\"latency_ms\": 1, \"country\": \"US\"}\n{\"latency_ms\": 2,\n");
    oneLineInputError(cli().run("monitor", "check", "--reference", "p.json", "--current", "broken.jsonl"),
        "broken.jsonl:2");
    oneLineInputError(cli().run("monitor", "profile", "ref.jsonl", "--columns", "nope", "--output", "x.json"),
        "nope", "no such column");
    Files.writeString(dir.resolve("notprofile.json"), "{\"format\": \"something\"}");
    oneLineInputError(cli().run("monitor", "check", "--reference", "notprofile.json", "--current", "ref.jsonl"),
        "notprofile.json", "not a monitoring profile");
    Files.writeString(dir.resolve("bad.yaml"), "q: 0.05\nthreshhold: 3\n");
    oneLineInputError(cli().run("monitor", "check", "--reference", "p.json", "--current", "ref.jsonl", "--config",
        "bad.yaml"), "bad.yaml:2", "threshhold", "unknown key");
    oneLineInputError(cli().run("monitor", "check", "--reference", "p.json", "--current", "ref.jsonl", "--window",
        "1h", "--timestamp", "country"), "ref.jsonl:1", "country", "not a timestamp");
    oneLineInputError(cli().run("monitor", "check", "--reference", "p.json", "--current", "data.txt"),
        "data.txt", "format");
    assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
  }

  @Test
  void aStoredRunIsATable() throws IOException {
    CliHarness h = cli();
    h.dataset("data.jsonl", 40);
    h.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
    CliHarness.Result run = h.run("run", "suite.yaml", "--format", "json");
    assertThat(run.code()).as(run.toString()).isZero();
    String runId = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
    CliHarness.Result p = h.run("monitor", "profile", "run:" + runId, "--columns", "exact_match,latency_ms",
        "--output", "run.json");
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(p.out()).contains("profiled 40 rows of run:" + runId, "exact_match (numeric)");
    oneLineInputError(h.run("monitor", "profile", "run:nope", "--output", "x.json"), "no run nope");
  }

  @Test
  void helpAnswersForEverySubcommand() {
    for (String sub : new String[] {"profile", "check", "watch"}) {
      CliHarness.Result r = cli().run("monitor", sub, "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: assay monitor " + sub);
    }
  }
}
