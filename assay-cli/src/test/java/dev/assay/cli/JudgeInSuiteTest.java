package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge metric in a suite, end to end over loopback HTTP: its scores and rationales reach the
 * run record, and a second run of the suite asks the judge nothing (response cache).
 */
class JudgeInSuiteTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"2+2?\"}\n{\"id\":\"b\",\"input\":\"capital of France?\"}\n");
    cli.write("preds.jsonl", "{\"id\":\"a\",\"output\":\"4\"}\n{\"id\":\"b\",\"output\":\"Lyon\"}\n");
    cli.write("rubric.txt", "Q: {{input}} A: {{output}}");
  }

  @Test
  void scoresAndRationalesAreStoredAndARerunAsksTheJudgeNothing() throws Exception {
    Map<String, String> answers = Map.of(
        "Q: 2+2? A: 4", "{\"score\": 1, \"rationale\": \"correct sum\"}",
        "Q: capital of France? A: Lyon", "Lyon is not the capital.\nSCORE: 0");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      cli.write("suite.yaml", "name: judged\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
          + "    path: preds.jsonl\nmetrics: [\"judge:base_url=" + stub.baseUrl() + ":model=j:rubric=rubric.txt\"]\n"
          + "retries: 0\n");
      CliHarness.Result first = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(first.code()).as(first.toString()).isZero();
      String runId = Json.MAPPER.readTree(first.out()).path("runs").get(0).path("run_id").asText();
      assertThat(stub.requests()).hasSize(2);

      CliHarness.Result export = cli.run("runs", "export", runId, "--output", "export.json");
      assertThat(export.code()).as(export.toString()).isZero();
      JsonNode examples = Json.MAPPER.readTree(dir.resolve("export.json").toFile()).path("examples");
      // A score with a rationale is written as an object: its value and the judge's note.
      assertThat(examples.get(0).path("scores").path("judge").path("value").asDouble()).isEqualTo(1.0);
      assertThat(examples.get(0).path("scores").path("judge").path("note").asText()).isEqualTo("correct sum");
      assertThat(examples.get(1).path("scores").path("judge").path("value").asDouble()).isEqualTo(0.0);
      assertThat(examples.get(1).path("scores").path("judge").path("note").asText())
          .isEqualTo("Lyon is not the capital.");

      CliHarness.Result second = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(second.code()).as(second.toString()).isZero();
      assertThat(Json.MAPPER.readTree(second.out()).path("runs").get(0).path("metrics").path("judge").asDouble())
          .isEqualTo(0.5);
      assertThat(stub.requests()).as("the second run's judgements come from the cache").hasSize(2);
    }
  }
}
