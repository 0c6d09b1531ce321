package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay plan}: a plan made before the runs makes a verdict pre-registered; otherwise post hoc or no plan. */
class PlanCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String GATE = "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n";
  static final String HYPOTHESIS = "upper2 is at most 5 points worse than upper on exact_match";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", GateCommandTest.TWO, GATE);
  }

  private JsonNode plan(String... extra) throws Exception {
    String[] args = new String[extra.length + 6];
    System.arraycopy(new String[] {"plan", "suite.yaml", "--hypothesis", HYPOTHESIS, "--format", "json"}, 0, args, 0, 6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    CliHarness.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out());
  }

  private JsonNode gateJson(String... extra) throws Exception {
    String[] args = new String[extra.length + 8];
    System.arraycopy(new String[] {"gate", "suite.yaml", "--candidate", "upper2", "--format", "json", "--replicates",
        "500"}, 0, args, 0, 8);
    System.arraycopy(extra, 0, args, 8, extra.length);
    CliHarness.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out());
  }

  @Test
  void aPlanMadeBeforeTheGateMakesItsVerdictPreRegistered() throws Exception {
    JsonNode plan = plan();
    String hash = plan.path("hash").asText();
    assertThat(hash).hasSize(64);
    assertThat(plan.path("hypothesis").asText()).isEqualTo(HYPOTHESIS);
    assertThat(plan.path("dataset_hash").asText()).hasSize(64);
    assertThat(plan.path("gate").path("hash").asText()).hasSize(64);
    try (var store = cli.store()) {
      assertThat(store.plans()).extracting(dev.assay.core.Plan::hash).containsExactly(hash);
    }

    JsonNode verdict = gateJson().path("plan");
    assertThat(verdict.path("status").asText()).as(verdict.toString()).isEqualTo("pre_registered");
    assertThat(verdict.path("pre_registered").asBoolean()).isTrue();
    assertThat(verdict.path("plan_hash").asText()).isEqualTo(hash);
    assertThat(verdict.path("hypothesis").asText()).isEqualTo(HYPOTHESIS);
    assertThat(verdict.path("created_at").asText()).isEqualTo(plan.path("created_at").asText());
    assertThat(verdict.path("gate_hash").asText()).isEqualTo(plan.path("gate").path("hash").asText());

    CliHarness.Result text = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "500",
        "--junit", "j.xml", "--markdown", "pr.md");
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).contains("plan: pre-registered: plan " + hash.substring(0, 12), HYPOTHESIS);
    assertThat(Files.readString(dir.resolve("j.xml"))).contains("<property name=\"plan\" value=\"pre_registered\"/>");
    assertThat(Files.readString(dir.resolve("pr.md"))).contains("Plan: **pre-registered**", HYPOTHESIS);
  }

  @Test
  void aGateChangedAfterThePlanIsPostHoc() throws Exception {
    plan();
    cli.write("looser.yaml", "rules:\n  - {rule: non_inferiority, metric: exact_match, margin: 0.2}\n");
    JsonNode verdict = gateJson("--gate", "looser.yaml").path("plan");
    assertThat(verdict.path("status").asText()).as(verdict.toString()).isEqualTo("post_hoc");
    assertThat(verdict.path("pre_registered").asBoolean()).isFalse();
    assertThat(verdict.path("reason").asText()).contains("the gate differs");
    // Reformatting the suite's gate does not change its hash: still pre-registered.
    cli.suite("suite.yaml", GateCommandTest.TWO,
        "gate:\n  rules:   # reformatted\n    - rule: non_inferiority\n      metric: exact_match\n      margin: 0.05\n");
    assertThat(gateJson().path("plan").path("status").asText()).isEqualTo("pre_registered");
  }

  @Test
  void withoutAPlanTheVerdictSaysSo() throws Exception {
    JsonNode verdict = gateJson().path("plan");
    assertThat(verdict.path("status").asText()).isEqualTo("no_plan");
    assertThat(verdict.path("plan_hash").isNull()).isTrue();
    assertThat(verdict.path("reason").asText()).contains("no plan names this dataset");
    CliHarness.Result text = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "500");
    assertThat(text.out()).contains("plan: no plan: ");
  }

  @Test
  void aPlanMadeAfterTheRunsIsPostHocInCompareAndReport() throws Exception {
    CliHarness.Result gate = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "500");
    assertThat(gate.code()).as(gate.toString()).isZero();
    Matcher m = Pattern.compile("= run (\\S+), candidate upper2 = run (\\S+)").matcher(gate.err());
    assertThat(m.find()).as(gate.err()).isTrue();
    String base = m.group(1);
    String cand = m.group(2);
    plan();

    CliHarness.Result compare = cli.run("compare", base, cand, "--gate", "suite.yaml", "--format", "json",
        "--replicates", "500");
    assertThat(compare.code()).as(compare.toString()).isZero();
    JsonNode verdict = Json.MAPPER.readTree(compare.out()).path("gate").path("plan");
    assertThat(verdict.path("status").asText()).as(verdict.toString()).isEqualTo("post_hoc");
    assertThat(verdict.path("reason").asText()).contains("after the runs started");

    CliHarness.Result report = cli.run("report", base, cand, "--gate", "suite.yaml", "--output", "r.html",
        "--replicates", "500");
    assertThat(report.code()).as(report.toString()).isZero();
    assertThat(Files.readString(dir.resolve("r.html"))).contains("Pre-registered: <b>no</b> (post hoc: plan ",
        "after the runs started", HYPOTHESIS);
  }

  @Test
  void badInputsExitTwo() throws Exception {
    CliHarness.Result missing = cli.run("plan", "suite.yaml");
    assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err()).contains("--hypothesis");
    CliHarness.Result blank = cli.run("plan", "suite.yaml", "--hypothesis", "  ");
    assertThat(blank.code()).isEqualTo(2);
    assertThat(blank.err()).contains("--hypothesis is blank");
    cli.suite("nogate.yaml", GateCommandTest.TWO, "");
    CliHarness.Result noGate = cli.run("plan", "nogate.yaml", "--hypothesis", HYPOTHESIS);
    assertThat(noGate.code()).isEqualTo(2);
    assertThat(noGate.err()).contains("the suite has no gate section");
    assertThat(cli.run("plan", "absent.yaml", "--hypothesis", HYPOTHESIS).code()).isEqualTo(2);
    assertThat(cli.storeFile()).doesNotExist();

    // A plan edited in the store after it was made is refused rather than silently trusted.
    plan();
    assertThat(cli.sql("UPDATE plans SET body = replace(body, 'at most 5 points', 'at most 50 points')")).isOne();
    CliHarness.Result edited = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "500");
    assertThat(edited.code()).as(edited.toString()).isEqualTo(2);
    assertThat(edited.err()).contains("the plan was edited after it was made");
  }
}
