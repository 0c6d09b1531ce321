package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration as a gate precondition, end to end over loopback HTTP: a rule on the judge's metric is
 * INCONCLUSIVE until the very judge that scored the runs has a calibration meeting {@code
 * min_kappa}, then decides; a changed judge model or changed labels make the calibration stale.
 */
class JudgeCalibrationGateTest {
  @TempDir Path dir;

  private static String gate(double minKappa) {
    return "gate:\n  calibration:\n    judge: {labels: human.jsonl, min_kappa: " + minKappa + "}\n"
        + "  rules:\n    - {rule: at_least, metric: judge, threshold: 0.1}\n";
  }

  private static JsonNode rule(CliHarness.Result r) throws Exception {
    return Json.MAPPER.readTree(r.out()).path("rules").get(0);
  }

  @Test
  void aGateOnAJudgeMetricDecidesOnlyWithACurrentCalibrationMeetingTheThreshold() throws Exception {
    CliHarness cli = new CliHarness(dir);
    Map<String, String> answers = JudgeCalibrateCommandTest.answersWithBaseline();
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, stub.baseUrl(), "j", gate(0.5));

      CliHarness.Result before = cli.run("gate", "suite.yaml", "--format", "json");
      assertThat(before.code()).as(before.toString()).isEqualTo(3);
      assertThat(rule(before).path("verdict").asText()).isEqualTo("INCONCLUSIVE");
      assertThat(rule(before).path("reason").asText()).startsWith("judge not calibrated: no calibration of judge ")
          .contains("the interval alone would say PASS");
      JsonNode status = Json.MAPPER.readTree(before.out()).path("calibrations").get(0);
      assertThat(status.path("met").asBoolean()).isFalse();
      assertThat(status.path("min_kappa").asDouble()).isEqualTo(0.5);

      CliHarness.Result calibrated = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl");
      assertThat(calibrated.code()).as(calibrated.toString()).isZero();

      CliHarness.Result after = cli.run("gate", "suite.yaml", "--format", "json");
      assertThat(after.code()).as(after.toString()).isZero();
      assertThat(rule(after).path("verdict").asText()).isEqualTo("PASS");
      assertThat(rule(after).path("reason").asText()).contains("judge calibrated (kappa 0.6000 >= 0.5000, calibration ");

      // The report shows the calibration status and, beside each flipped answer, the judge's rationale.
      CliHarness.Result report = cli.run("gate", "suite.yaml", "--report", "report.html");
      assertThat(report.code()).as(report.toString()).isZero();
      String html = java.nio.file.Files.readString(dir.resolve("report.html"));
      assertThat(html).contains("Judge calibration").contains("<td>met</td>").contains("answer 1</pre><div class=\"rationale\"><b>judge rationale:</b> r1</div>");
      assertThat(html).containsPattern("<td>judges</td><td[^>]*>judge [0-9a-f]{12}</td>");

      JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, stub.baseUrl(), "j", gate(0.7));
      CliHarness.Result strict = cli.run("gate", "suite.yaml");
      assertThat(strict.code()).as(strict.toString()).isEqualTo(3);
      assertThat(strict.out()).contains("kappa 0.6000 is below min_kappa 0.7000");

      JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, stub.baseUrl(), "j2", gate(0.5));
      CliHarness.Result otherModel = cli.run("gate", "suite.yaml", "--format", "json");
      assertThat(otherModel.code()).as(otherModel.toString()).isEqualTo(3);
      assertThat(rule(otherModel).path("reason").asText()).contains("are of another judge");

      JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, stub.baseUrl(), "j", gate(0.5));
      cli.write("human.jsonl", JudgeCalibrateCommandTest.labels() + "{\"id\":\"q1\",\"output\":\"x\",\"label\":null}\n");
      CliHarness.Result otherLabels = cli.run("gate", "suite.yaml", "--format", "json");
      assertThat(otherLabels.code()).as(otherLabels.toString()).isEqualTo(3);
      assertThat(rule(otherLabels).path("reason").asText()).contains("calibrated against other labels");
    }
  }

  @Test
  void badCalibrationRequirementsAreInputErrors() throws Exception {
    CliHarness cli = new CliHarness(dir);
    JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, "http://127.0.0.1:9/v1", "j", gate(2));
    CliHarness.Result kappa = cli.run("gate", "suite.yaml");
    assertThat(kappa.code()).as(kappa.toString()).isEqualTo(2);
    assertThat(kappa.err()).contains("gate.calibration.judge.min_kappa").contains("from -1 to 1");
    JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, "http://127.0.0.1:9/v1", "j",
        gate(0.5).replace("min_kappa", "min_kapa"));
    CliHarness.Result typo = cli.run("gate", "suite.yaml");
    assertThat(typo.code()).as(typo.toString()).isEqualTo(2);
    assertThat(typo.err()).contains("min_kappa");
    assertThat(typo.out()).isEmpty();
  }
}
