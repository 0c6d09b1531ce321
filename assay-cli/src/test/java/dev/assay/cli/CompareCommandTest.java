package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay compare}: runs, exports and score files; exit codes and outputs. */
class CompareCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
  }

  private String[] runTwo() throws Exception {
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER + "  echo:\n    type: fake\n    mode: wrong\n", "");
    JsonNode runs = Json.MAPPER.readTree(cli.run("run", "suite.yaml", "--format", "json").out()).path("runs");
    return new String[] {runs.get(0).path("run_id").asText(), runs.get(1).path("run_id").asText()};
  }

  @Test
  void comparesTwoStoredRuns() throws Exception {
    String[] ids = runTwo();
    CliHarness.Result r = cli.run("compare", ids[0], ids[1], "--metrics", "exact_match", "--replicates", "2000");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("n = 40 paired examples (0 only in baseline, 0 only in candidate)",
        "METRIC", "BASELINE", "CANDIDATE", "DIFF", "95% CI", "exact_match", "0.7500", "-0.7500", "mcnemar-exact");

    CliHarness.Result json = cli.run("compare", ids[0], ids[1], "--format", "json", "--replicates", "2000");
    assertThat(json.code()).as(json.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(json.out());
    assertThat(doc.path("n").asInt()).isEqualTo(40);
    JsonNode em = doc.path("comparisons").get(0);
    assertThat(em.path("metric").asText()).isEqualTo("exact_match");
    assertThat(em.path("difference").asDouble()).isEqualTo(-0.75);
    assertThat(em.path("ci")).hasSize(2);
    assertThat(em.path("p_value").asDouble()).isLessThan(1e-6);
    assertThat(doc.path("comparisons").findValuesAsText("metric")).contains("contains", "latency_ms");
  }

  @Test
  void comparesScoreFilesAndReportsBadLines() throws Exception {
    StringBuilder b = new StringBuilder();
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      b.append("{\"id\":\"x").append(i).append("\",\"f1\":").append(0.5 + (i % 5) * 0.01).append(",\"word_error\":0.2}\n");
      c.append("{\"id\":\"x").append(i).append("\",\"f1\":").append(0.6 + (i % 3) * 0.01).append(",\"word_error\":0.1}\n");
    }
    cli.write("b.jsonl", b.toString());
    cli.write("c.jsonl", c.toString());
    CliHarness.Result r = cli.run("compare", "b.jsonl", "c.jsonl", "--format", "json", "--test", "t", "--interval", "t");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode comps = Json.MAPPER.readTree(r.out()).path("comparisons");
    assertThat(comps.get(0).path("test").asText()).isEqualTo("paired-t");
    assertThat(comps.get(1).path("direction").asText()).isEqualTo("lower");

    cli.write("bad.jsonl", "{\"id\":\"x0\",\"f1\":0.5}\n{\"id\":\"x1\",\"f1\":\"good\"}\n");
    CliHarness.Result bad = cli.run("compare", "b.jsonl", "bad.jsonl");
    assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error: ").contains("bad.jsonl:2: field 'f1': example 'x1': got the string \"good\"").doesNotContain("\tat ");

    cli.write("few.jsonl", "{\"id\":\"x0\",\"f1\":0.5}\n{\"id\":\"x1\",\"f1\":0.5}\n");
    CliHarness.Result partial = cli.run("compare", "b.jsonl", "few.jsonl");
    assertThat(partial.code()).as(partial.toString()).isEqualTo(2);
    assertThat(partial.err()).contains("only 2 of 30 examples pair by id", "--allow-partial");
    assertThat(cli.run("compare", "b.jsonl", "few.jsonl", "--allow-partial").code()).isZero();
    assertThat(cli.run("compare", "b.jsonl", "nope").err()).contains("unknown run id 'nope'; it is not a file either");
  }

  @Test
  void comparesExportsWithAGate() throws Exception {
    String[] ids = runTwo();
    assertThat(cli.run("runs", "export", ids[0], "--output", "base.json").code()).isZero();
    assertThat(cli.run("runs", "export", ids[1], "--output", "cand.json").code()).isZero();
    cli.write("gate.yaml", "rules:\n  - rule: non_inferiority\n    metric: exact_match\n    margin: 0.05\n");
    CliHarness.Result fail = cli.run("compare", "base.json", "cand.json", "--gate", "gate.yaml", "--replicates", "1000",
        "--markdown", "pr.md");
    assertThat(fail.code()).as(fail.toString()).isEqualTo(1);
    assertThat(fail.out()).contains("non_inferiority", "FAIL", "verdict: FAIL");
    assertThat(Files.readString(dir.resolve("pr.md"))).startsWith("### assay gate: **FAIL**");

    CliHarness.Result pass = cli.run("compare", "cand.json", "base.json", "--gate", "gate.yaml", "--replicates", "1000",
        "--format", "json");
    assertThat(pass.code()).as(pass.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(pass.out());
    assertThat(doc.path("verdict").asText()).isEqualTo("PASS");
    assertThat(doc.path("gate").path("rules").get(0).path("verdict").asText()).isEqualTo("PASS");

    cli.write("typo.yaml", "rules:\n  - rule: non_inferiority\n    metrc: exact_match\n");
    CliHarness.Result typo = cli.run("compare", "base.json", "cand.json", "--gate", "typo.yaml");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("typo.yaml:3: field 'rules[0].metrc': unknown key (did you mean 'metric'?");
  }
}
