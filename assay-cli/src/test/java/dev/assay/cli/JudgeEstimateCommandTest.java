package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay judge estimate} end to end: runs judged on a loopback OpenAI-style server, humans
 * labelling six of ten answers, estimates checked against the paper's formulas worked by hand.
 */
class JudgeEstimateCommandTest {
  @TempDir Path dir;

  /**
   * Judge f = 1 on q1-q4 and q10; humans label q1-q6 with y = 1 on q1-q5. Labelled (n = 6): y =
   * [1,1,1,1,1,0], f = [1,1,1,1,0,0]; unlabelled (N = 4): f̃ = [0,0,0,1].
   * <ul>
   *   <li>human-only: 5/6, se = √(s²(y)/6) = √(1/6 / 6) = 1/6
   *   <li>judge-only: 5/10, se = √((10·0.25/9)/10) = 1/6
   *   <li>PPI: mean(f̃) - mean(f - y) = 1/4 + 1/6, se² = s²(f̃)/4 + s²(f - y)/6 = 1/16 + 1/36
   *   <li>PPI++: λ = Cov(y, f)/((1 + 6/4)·Var(f)) = (2/15)/(2.5·5/18) = 0.192, θ = 0.192·1/4 + 5/6
   *       - 0.192·4/6 = 0.753333
   * </ul>
   */
  static void checkFigures(JsonNode r) {
    assertThat(r.path("labelled").asInt()).isEqualTo(6);
    assertThat(r.path("unlabelled").asInt()).isEqualTo(4);
    JsonNode e = r.path("estimates");
    assertThat(e.get(0).path("method").asText()).isEqualTo("human_only");
    assertThat(e.get(0).path("estimate").asDouble()).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(e.get(0).path("standard_error").asDouble()).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(e.get(1).path("estimate").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(e.get(1).path("standard_error").asDouble()).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(e.get(2).path("method").asText()).isEqualTo("ppi");
    assertThat(e.get(2).path("estimate").asDouble()).isCloseTo(0.25 + 1.0 / 6, within(1e-12));
    assertThat(e.get(2).path("standard_error").asDouble()).isCloseTo(Math.sqrt(1.0 / 16 + 1.0 / 36), within(1e-12));
    double half = 1.959963984540054 * Math.sqrt(1.0 / 16 + 1.0 / 36);
    assertThat(e.get(2).path("ci").get(0).asDouble()).isCloseTo(0.25 + 1.0 / 6 - half, within(1e-9));
    assertThat(e.get(3).path("lambda").asDouble()).isCloseTo(0.192, within(1e-12));
    assertThat(e.get(3).path("estimate").asDouble()).isCloseTo(0.192 * 0.25 + 5.0 / 6 - 0.192 * 4 / 6, within(1e-12));
  }

  @Test
  void aRateAndAPairedDifferenceWithHumanOnlyAndJudgeOnlyBeside() throws Exception {
    CliHarness cli = new CliHarness(dir);
    Map<String, String> answers = JudgeCalibrateCommandTest.answersWithBaseline();
    StringBuilder labels = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      if (i <= 6) {
        labels.append("{\"id\":\"q").append(i).append("\",\"output\":\"answer ").append(i).append("\",\"label\":")
            .append(i <= 5 ? 1 : 0).append("}\n");
        labels.append("{\"id\":\"q").append(i).append("\",\"output\":\"base ").append(i).append("\",\"label\":0}\n");
      }
    }
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, stub.baseUrl(), "j", "");
      cli.write("sample.jsonl", labels.toString());
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      JsonNode runs = Json.MAPPER.readTree(run.out()).path("runs");
      String baseRun = runs.get(0).path("run_id").asText();
      String candRun = runs.get(1).path("run_id").asText();

      CliHarness.Result rate = cli.run("judge", "estimate", candRun, "--labels", "sample.jsonl", "--format", "json");
      assertThat(rate.code()).as(rate.toString()).isZero();
      JsonNode r = Json.MAPPER.readTree(rate.out());
      assertThat(r.path("estimand").asText()).isEqualTo("rate");
      checkFigures(r);

      // The baseline's judge says 0 where humans say 0: the difference has the candidate's figures.
      CliHarness.Result diff = cli.run("judge", "estimate", candRun, "--baseline", baseRun, "--labels",
          "sample.jsonl", "--format", "json");
      assertThat(diff.code()).as(diff.toString()).isZero();
      JsonNode d = Json.MAPPER.readTree(diff.out());
      assertThat(d.path("estimand").asText()).startsWith("difference");
      checkFigures(d);

      CliHarness.Result text = cli.run("judge", "estimate", candRun, "--labels", "sample.jsonl");
      assertThat(text.code()).as(text.toString()).isZero();
      assertThat(text.out()).contains("6 labelled, 4 judge-only").contains("ppi           0.4167")
          .contains("lambda 0.192");

      // A gate on the same rate: the scores' own interval [0.24, 0.76] clears 0.1, but the PPI
      // interval, which carries the judge's errors on the labelled answers, is too wide to decide.
      cli.write("gate.yaml", "rules:\n  - {rule: at_least, metric: judge, threshold: 0.1, interval: ppi, labels: "
          + "sample.jsonl}\n  - {rule: at_most, metric: judge, threshold: 1.5, interval: ppi, labels: sample.jsonl}\n"
          + "  - {rule: at_least, metric: judge, threshold: 0.1}\n");
      CliHarness.Result gate = cli.run("gate", "suite.yaml", "--gate", "gate.yaml", "--format", "json");
      assertThat(gate.code()).as(gate.toString()).isEqualTo(3);
      JsonNode rules = Json.MAPPER.readTree(gate.out()).path("rules");
      double half = 1.959963984540054 * Math.sqrt(1.0 / 16 + 1.0 / 36);
      assertThat(rules.get(0).path("verdict").asText()).isEqualTo("INCONCLUSIVE");
      assertThat(rules.get(0).path("estimate").asDouble()).isCloseTo(0.25 + 1.0 / 6, within(1e-12));
      assertThat(rules.get(0).path("ci").get(0).asDouble()).isCloseTo(0.25 + 1.0 / 6 - half, within(1e-6));
      assertThat(rules.get(0).path("reason").asText()).contains("rate (ppi)");
      assertThat(rules.get(1).path("verdict").asText()).isEqualTo("PASS");
      assertThat(rules.get(2).path("verdict").asText()).isEqualTo("PASS");

      cli.write("bad-gate.yaml", "rules:\n  - {rule: at_least, metric: judge, threshold: 0.1, interval: ppi}\n");
      CliHarness.Result bad = cli.run("gate", "suite.yaml", "--gate", "bad-gate.yaml");
      assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
      assertThat(bad.err()).contains("rules[0].labels").contains("missing");

      cli.write("none.jsonl", "{\"id\":\"q1\",\"output\":\"another answer\",\"label\":1}\n");
      CliHarness.Result none = cli.run("judge", "estimate", candRun, "--labels", "none.jsonl");
      assertThat(none.code()).as(none.toString()).isEqualTo(2);
      assertThat(none.err()).contains("0 of the answers of run").contains("label the run's own answers");
      assertThat(none.out()).isEmpty();
    }
  }
}
