package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 13: what {@code assay score ... --format json} prints is accepted as it is by
 * {@code assay compare} and by {@code assay report} (HTML and Markdown), for one side or two.
 */
class ScoreOutputsDownstreamTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    StringBuilder refs = new StringBuilder();
    StringBuilder base = new StringBuilder();
    StringBuilder cand = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      refs.append("{\"id\":\"e").append(i).append("\",\"reference\":\"answer ").append(i).append("\"}\n");
      // The baseline gets every third wrong, the candidate every sixth.
      base.append("{\"id\":\"e").append(i).append("\",\"output\":\"").append(i % 3 == 0 ? "no idea" : "answer " + i)
          .append("\"}\n");
      cand.append("{\"id\":\"e").append(i).append("\",\"output\":\"").append(i % 6 == 0 ? "no idea" : "answer " + i)
          .append("\"}\n");
    }
    cli.write("refs.jsonl", refs.toString());
    cli.write("base.jsonl", base.toString());
    cli.write("cand.jsonl", cand.toString());
    for (String side : new String[] {"base", "cand"}) {
      CliHarness.Result r = cli.run("score", "text", "--predictions", side + ".jsonl", "--references", "refs.jsonl",
          "--metrics", "exact_match,f1", "--per-example", "--format", "json");
      assertThat(r.code()).as(r.toString()).isZero();
      cli.write(side + "-scores.json", r.out());
    }
  }

  @Test
  void compareReadsScoreJson() throws Exception {
    CliHarness.Result r = cli.run("compare", "base-scores.json", "cand-scores.json", "--format", "json",
        "--replicates", "1000");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode em = Json.MAPPER.readTree(r.out()).path("comparisons").get(0);
    assertThat(em.path("metric").asText()).isEqualTo("exact_match");
    assertThat(em.path("baseline").asDouble()).isCloseTo(40 / 60.0, within(1e-12));
    assertThat(em.path("candidate").asDouble()).isCloseTo(50 / 60.0, within(1e-12));
  }

  @Test
  void reportReadsScoreJsonInHtmlAndMarkdown() throws Exception {
    CliHarness.Result html = cli.run("report", "base-scores.json", "cand-scores.json", "--replicates", "1000");
    assertThat(html.code()).as(html.toString()).isZero();
    Path file = dir.resolve("report-base-scores-vs-cand-scores.html");
    assertThat(html.err()).contains("wrote " + file);
    String page = Files.readString(file);
    assertThat(page).contains("assay report: cand-scores.json vs base-scores.json", "exact_match", "+0.1667",
        "10 improvements", "Score files carry no lineage");

    CliHarness.Result md = cli.run("report", "base-scores.json", "cand-scores.json", "--format", "md",
        "--output", "pr.md", "--replicates", "1000");
    assertThat(md.code()).as(md.toString()).isZero();
    assertThat(Files.readString(dir.resolve("pr.md"))).contains("| exact_match | higher | 0.6667 | 0.8333 | +0.1667 |");

    CliHarness.Result one = cli.run("report", "cand-scores.json", "--output", "one.html");
    assertThat(one.code()).as(one.toString()).isZero();
    assertThat(Files.readString(dir.resolve("one.html"))).contains("exact_match", "0.8333");
  }

  @Test
  void gateReportWorksOnScoreFilesToo() throws Exception {
    cli.write("g.yaml", "rules:\n  - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");
    CliHarness.Result r = cli.run("compare", "base-scores.json", "cand-scores.json", "--gate", "g.yaml",
        "--report", "gate.html", "--replicates", "1000");
    assertThat(r.code()).as(r.toString()).isIn(0, 3);
    assertThat(Files.readString(dir.resolve("gate.html"))).contains("Verdict", "exact_match");
  }
}
