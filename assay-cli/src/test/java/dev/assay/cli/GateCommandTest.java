package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code assay gate SUITE.yaml}: run, compare, decide; exit codes 0/1/2/3 and report files. */
class GateCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String TWO = CliHarness.FAKE_UPPER + "  upper2:\n    type: fake\n    mode: upper\n"
      + "  echo:\n    type: fake\n    mode: wrong\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
  }

  @Test
  void identicalSystemsPassNonInferiorityAndFailSuperiority() throws Exception {
    cli.suite("suite.yaml", TWO, "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");
    CliHarness.Result pass = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--junit", "out/junit.xml",
        "--markdown", "out/pr.md", "--replicates", "1000");
    assertThat(pass.code()).as(pass.toString()).isZero();
    assertThat(pass.out()).contains("METRIC", "RULE", "MARGIN", "BASELINE", "CANDIDATE", "ESTIMATE", "VERDICT",
        "exact_match", "non_inferiority", "PASS", "verdict: PASS");
    assertThat(pass.err()).contains("baseline upper = run", "candidate upper2 = run");
    Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("out/junit.xml"))));
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    assertThat(junit.getElementsByTagName("failure").getLength()).isZero();
    assertThat(Files.readString(dir.resolve("out/pr.md"))).startsWith("### assay gate: **PASS**")
        .contains("| exact_match | non_inferiority | 0.05 |");

    cli.write("sup.yaml", "rules:\n  - {rule: superiority, metric: exact_match}\n");
    CliHarness.Result fail = cli.run("gate", "suite.yaml", "--gate", "sup.yaml", "--candidate", "upper2",
        "--format", "json", "--replicates", "1000");
    assertThat(fail.code()).as(fail.toString()).isEqualTo(1);
    JsonNode doc = Json.MAPPER.readTree(fail.out());
    assertThat(doc.path("verdict").asText()).isEqualTo("FAIL");
    JsonNode rule = doc.path("rules").get(0);
    assertThat(rule.path("rule").asText()).isEqualTo("superiority");
    assertThat(rule.path("estimate").asDouble()).isZero();
    assertThat(rule.path("reason").asText()).contains("does not beat the baseline");
    assertThat(doc.path("plan").path("gate_hash").asText()).hasSize(64);
    assertThat(doc.path("plan").path("dataset_hash").asText()).hasSize(64);
  }

  @Test
  void inconclusiveExitsThreeUnlessAPolicySaysOtherwise() throws Exception {
    // 40 identical examples: the candidate equals the baseline, and 0.75 accuracy cannot be shown >= 0.7.
    cli.suite("suite.yaml", TWO, "gate:\n  rules:\n    - {rule: at_least, metric: exact_match, threshold: 0.7}\n");
    CliHarness.Result r = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--junit", "j.xml");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).contains("INCONCLUSIVE", "too wide to decide", "about ");
    assertThat(Files.readString(dir.resolve("j.xml"))).contains("<skipped message=\"INCONCLUSIVE: ");
    CliHarness.Result asFail = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--inconclusive-is", "fail");
    assertThat(asFail.code()).isEqualTo(1);
    assertThat(asFail.out()).contains("verdict: INCONCLUSIVE (treated as FAIL by --inconclusive-is)");
    assertThat(cli.run("gate", "suite.yaml", "--candidate", "upper2", "--inconclusive-is", "pass").code()).isZero();
  }

  @Test
  void criticalRegressionsFailAndInputErrorsExitTwo() throws Exception {
    cli.suite("suite.yaml", TWO, "gate:\n  rules:\n    - {rule: no_regressions, metric: exact_match, tag: half=a}\n");
    CliHarness.Result r = cli.run("gate", "suite.yaml", "--candidate", "echo");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("no_regressions", "15 of 20 example(s) tagged 'half=a'");

    cli.suite("typo.yaml", TWO, "gate:\n  rules:\n    - {rule: at_least, metric: exact_match, treshold: 0.7}\n");
    CliHarness.Result typo = cli.run("gate", "typo.yaml");
    assertThat(typo.code()).as(typo.toString()).isEqualTo(2);
    assertThat(typo.err()).contains("typo.yaml:18: field 'gate.rules[0].treshold': unknown key (did you mean 'threshold'?");

    cli.suite("nogate.yaml", TWO, "");
    assertThat(cli.run("gate", "nogate.yaml").err()).contains("the suite has no gate section");
    cli.suite("one.yaml", CliHarness.FAKE_UPPER, "gate:\n  rules:\n    - {rule: superiority, metric: exact_match}\n");
    CliHarness.Result one = cli.run("gate", "one.yaml");
    assertThat(one.code()).isEqualTo(2);
    assertThat(one.err()).contains("a gate needs two systems");
    cli.suite("metric.yaml", TWO, "gate:\n  rules:\n    - {rule: superiority, metric: exact_mach}\n");
    CliHarness.Result metric = cli.run("gate", "metric.yaml");
    assertThat(metric.code()).isEqualTo(2);
    assertThat(metric.err()).contains("metric.yaml:18: field 'rules[0].metric'", "did you mean 'exact_match'?");
  }
}
