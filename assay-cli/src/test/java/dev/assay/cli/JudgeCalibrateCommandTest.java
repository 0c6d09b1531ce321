package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay judge calibrate} end to end: a scripted judge on a loopback OpenAI-style server, of
 * known agreement with three human raters, against figures worked out by hand.
 */
class JudgeCalibrateCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  /**
   * Ten answers: humans (majority of ann, bob, cy) say 1 for q1-q5 and 0 for q6-q10; the judge
   * says 1 for q1-q4 and q10, 0 for the rest. Confusion [[4, 1], [1, 4]]: accuracy 0.8, p_e 0.5,
   * κ 0.6. Bob alone says 1 for q10: Fleiss' κ of the raters = (0.93333 - 0.50222)/(1 - 0.50222)
   * = 0.866071.
   */
  static Map<String, String> judgeAnswers() {
    Map<String, String> answers = new HashMap<>();
    for (int i = 1; i <= 10; i++) {
      boolean yes = i <= 4 || i == 10;
      answers.put("Q: question " + i + " A: answer " + i, "{\"score\": " + (yes ? 1 : 0) + ", \"rationale\": \"r" + i
          + "\"}");
    }
    return answers;
  }

  static String labels() {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      int human = i <= 5 ? 1 : 0;
      for (String rater : new String[] {"ann", "bob", "cy"}) {
        int label = rater.equals("bob") && i == 10 ? 1 : human;
        s.append("{\"id\":\"q").append(i).append("\",\"output\":\"answer ").append(i).append("\",\"label\":")
            .append(label).append(",\"rater\":\"").append(rater).append("\"}\n");
      }
    }
    return s.toString();
  }

  static void writeSuite(CliHarness cli, String baseUrl, String extra) throws Exception {
    StringBuilder data = new StringBuilder();
    StringBuilder preds = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      data.append("{\"id\":\"q").append(i).append("\",\"input\":\"question ").append(i).append("\"}\n");
      preds.append("{\"id\":\"q").append(i).append("\",\"output\":\"answer ").append(i).append("\"}\n");
    }
    cli.write("data.jsonl", data.toString());
    cli.write("preds.jsonl", preds.toString());
    cli.write("rubric.txt", "Q: {{input}} A: {{output}}");
    cli.write("human.jsonl", labels());
    cli.write("suite.yaml", "name: judged\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
        + "    path: preds.jsonl\nmetrics: [\"judge:base_url=" + baseUrl + ":model=j:rubric=rubric.txt\"]\n"
        + "retries: 0\n" + extra);
  }

  /** The judge's answers of {@link #judgeAnswers} plus 0 for every answer of the baseline ("base i"). */
  static Map<String, String> answersWithBaseline() {
    Map<String, String> answers = judgeAnswers();
    for (int i = 1; i <= 10; i++) {
      answers.put("Q: question " + i + " A: base " + i, "SCORE: 0");
    }
    return answers;
  }

  /**
   * The suite of {@link #writeSuite} with two systems, {@code base} ("base i") then {@code cand}
   * ("answer i"), a judge of model {@code model}, and {@code extra} appended (a gate section).
   */
  static void writeTwoSystemSuite(CliHarness cli, String baseUrl, String model, String extra) throws Exception {
    writeSuite(cli, baseUrl, "");
    StringBuilder base = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      base.append("{\"id\":\"q").append(i).append("\",\"output\":\"base ").append(i).append("\"}\n");
    }
    cli.write("base.jsonl", base.toString());
    cli.write("suite.yaml", "name: judged\ndataset:\n  path: data.jsonl\nsystems:\n  base:\n    type: predictions\n"
        + "    path: base.jsonl\n  cand:\n    type: predictions\n    path: preds.jsonl\nmetrics: [\"judge:base_url="
        + baseUrl + ":model=" + model + ":rubric=rubric.txt\"]\nretries: 0\n" + extra);
  }

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  @Test
  void agreementWithHumansIsMeasuredPrintedAndStored() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judgeAnswers()))) {
      writeSuite(cli, stub.baseUrl(), "");
      CliHarness.Result json = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl", "--format",
          "json");
      assertThat(json.code()).as(json.toString()).isZero();
      assertThat(json.err()).contains("stored calibration ");
      JsonNode r = Json.MAPPER.readTree(json.out());
      assertThat(r.path("items").asInt()).isEqualTo(10);
      assertThat(r.path("accuracy").asDouble()).isCloseTo(0.8, within(1e-12));
      assertThat(r.path("kappa").path("none").path("estimate").asDouble()).isCloseTo(0.6, within(1e-12));
      assertThat(r.path("confusion").path("counts").toString()).isEqualTo("[[4,1],[1,4]]");
      assertThat(r.path("classes").get(1).path("precision").asDouble()).isCloseTo(0.8, within(1e-12));
      assertThat(r.path("bias").path("difference").asDouble()).isCloseTo(0.0, within(1e-12));
      assertThat(r.path("bias").path("ci").get(0).asDouble()).isNegative();
      assertThat(r.path("human_agreement").path("fleiss_kappa").asDouble()).isCloseTo(0.866071, within(1e-6));
      assertThat(r.path("judge").asText()).hasSize(64);
      assertThat(stub.requests()).hasSize(10);

      CliHarness.Result text = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl");
      assertThat(text.code()).as(text.toString()).isZero();
      assertThat(text.out()).contains("accuracy     80.0%").contains("kappa none      0.6000")
          .contains("Fleiss' kappa 0.8661");
      assertThat(stub.requests()).as("the second calibration's judgements come from the cache").hasSize(10);
      assertThat(text.out().split("calibration ")[1].substring(0, 12))
          .isNotEqualTo(r.path("calibration_id").asText().substring(0, 12));
    }
  }

  @Test
  void badLabelsAndUnknownExamplesAreInputErrors() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judgeAnswers()))) {
      writeSuite(cli, stub.baseUrl(), "");
      cli.write("bad.jsonl", "{\"id\":\"q1\",\"output\":\"answer 1\",\"label\":\"yes\"}\n");
      CliHarness.Result bad = cli.run("judge", "calibrate", "suite.yaml", "--labels", "bad.jsonl");
      assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
      assertThat(bad.err()).contains("bad.jsonl:1: field 'label'");
      cli.write("unknown.jsonl", "{\"id\":\"zz\",\"output\":\"answer 1\",\"label\":1}\n");
      CliHarness.Result unknown = cli.run("judge", "calibrate", "suite.yaml", "--labels", "unknown.jsonl");
      assertThat(unknown.code()).as(unknown.toString()).isEqualTo(2);
      assertThat(unknown.err()).contains("'zz' is not in the suite's dataset");
      CliHarness.Result metric = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl", "--metric",
          "f1");
      assertThat(metric.code()).as(metric.toString()).isEqualTo(2);
      assertThat(metric.err()).contains("no metric 'f1'");
      assertThat(stub.requests()).isEmpty();
      assertThat(bad.out()).isEmpty();
    }
  }

  /** A run is never finished by another judge than the one that started it: one run, one judge. */
  @Test
  void resumingARunWhoseJudgeChangedIsAnInputError() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judgeAnswers()))) {
      writeSuite(cli, stub.baseUrl(), "");
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      String id = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
      try (var store = cli.store()) {
        assertThat(store.run(id).orElseThrow().judges()).containsOnlyKeys("judge");
        store.updateRun(store.run(id).orElseThrow().reopen());
      }
      cli.sql("DELETE FROM results WHERE example_id = 'q3'");
      cli.write("rubric.txt", "Question: {{input}} A: {{output}}");
      CliHarness.Result changed = cli.run("run", "--resume", id);
      assertThat(changed.code()).as(changed.toString()).isEqualTo(2);
      assertThat(changed.err()).contains("a judge of run " + id + " changed");

      cli.write("rubric.txt", "Q: {{input}} A: {{output}}");
      CliHarness.Result same = cli.run("run", "--resume", id);
      assertThat(same.code()).as(same.toString()).isZero();
      try (var store = cli.store()) {
        assertThat(store.results(id)).hasSize(10);
      }
    }
  }

  /** A panel of three models is calibrated like one judge, and its members' agreement is shown. */
  @Test
  void aPanelIsCalibratedWithItsMembersAgreement() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judgeAnswers()))) {
      writeSuite(cli, stub.baseUrl(), "");
      cli.write("suite.yaml", Files.readString(dir.resolve("suite.yaml")).replace("model=j", "models=j1,j2,j3"));
      CliHarness.Result json = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl", "--format",
          "json");
      assertThat(json.code()).as(json.toString()).isZero();
      JsonNode r = Json.MAPPER.readTree(json.out());
      assertThat(r.path("kappa").path("none").path("estimate").asDouble()).isCloseTo(0.6, within(1e-12));
      // The stub answers every model alike: the members agree perfectly.
      assertThat(r.path("panel_agreement").path("members").asInt()).isEqualTo(3);
      assertThat(r.path("panel_agreement").path("fleiss_kappa").asDouble()).isCloseTo(1.0, within(1e-12));
      assertThat(stub.requests()).hasSize(30);
      CliHarness.Result text = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl");
      assertThat(text.out()).contains("panel        3 judges: Fleiss' kappa 1.0000");
    }
  }
}
