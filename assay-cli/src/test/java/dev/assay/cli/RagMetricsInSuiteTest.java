package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RAG metrics in a suite, end to end over loopback HTTP: a system answering {@code {answer,
 * contexts}}, faithfulness judged claim by claim with the claims stored as the score's note and shown in the comparison report, and
 * context precision/recall from the retrieved ids; an example the judge answers badly is a metric
 * error of that example, not a failed run.
 */
class RagMetricsInSuiteTest {
  @TempDir Path dir;

  private static String prompt(String q, String ctx, String answer) throws IOException {
    try (InputStream in = dev.assay.systems.judge.FaithfulnessScorers.class.getResourceAsStream("faithfulness.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{question}}", q)
          .replace("{{context}}", ctx).replace("{{answer}}", answer);
    }
  }

  @Test
  void faithfulnessAndContextMetricsReachTheRunRecord() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("data.jsonl",
        "{\"id\":\"a\",\"input\":\"Capital of France?\",\"context\":[\"Paris is the capital of France.\",\"Lyon is in France.\"],"
            + "\"relevant_contexts\":[\"d1\"]}\n"
            + "{\"id\":\"b\",\"input\":\"Who wrote Emma?\",\"context\":\"Emma is a novel by Jane Austen.\","
            + "\"relevant_contexts\":[\"d4\",\"d5\"]}\n");
    cli.write("preds.jsonl",
        "{\"id\":\"a\",\"output\":{\"answer\":\"Paris, since 508 AD.\",\"contexts\":[\"d2\",\"d1\"]}}\n"
            + "{\"id\":\"b\",\"output\":{\"answer\":\"Jane Austen.\",\"contexts\":[\"d4\",\"d9\",\"d5\"]}}\n");
    cli.write("preds-q.jsonl",
        "{\"id\":\"a\",\"output\":{\"answer\":\"Paris.\",\"contexts\":[\"d1\"]}}\n"
            + "{\"id\":\"b\",\"output\":{\"answer\":\"Jane Austen.\",\"contexts\":[\"d4\",\"d9\",\"d5\"]}}\n");
    Map<String, String> answers = Map.of(
        prompt("Capital of France?", "[1] Paris is the capital of France.\n\n[2] Lyon is in France.", "Paris."),
        "{\"claims\": [{\"claim\": \"Paris is the capital of France\", \"supported\": true}]}",
        prompt("Capital of France?", "[1] Paris is the capital of France.\n\n[2] Lyon is in France.", "Paris, since 508 AD."),
        "{\"claims\": [{\"claim\": \"Paris is the capital of France\", \"supported\": true},"
            + " {\"claim\": \"Paris has been the capital since 508 AD\", \"supported\": false, \"reason\": \"no date in the context\"}]}",
        prompt("Who wrote Emma?", "Emma is a novel by Jane Austen.", "Jane Austen."),
        "I think it is fine.");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      cli.write("suite.yaml", "name: rag\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
          + "    path: preds.jsonl\n  q:\n    type: predictions\n    path: preds-q.jsonl\nmetrics: [\"faithfulness:base_url=" + stub.baseUrl() + ":model=j:answer=answer\","
          + " context_precision, context_recall]\nretries: 0\nmax_error_rate: 0.6\n");
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      JsonNode r = Json.MAPPER.readTree(run.out()).path("runs").get(0);
      assertThat(r.path("system").asText()).isEqualTo("p");
      // a: relevant d1 at rank 2 -> precision 1/2, recall 1; b: ranks 1 and 3 -> (1 + 2/3)/2 = 5/6, recall 1.
      assertThat(r.path("metrics").path("context_precision").asDouble()).isCloseTo((0.5 + 5.0 / 6) / 2, within(1e-12));
      assertThat(r.path("metrics").path("context_recall").asDouble()).isEqualTo(1.0);
      assertThat(r.path("metrics").path("faithfulness").asDouble()).as("b is an error, not a score").isEqualTo(0.5);

      CliHarness.Result export = cli.run("runs", "export", r.path("run_id").asText(), "--output", "export.json");
      assertThat(export.code()).as(export.toString()).isZero();
      JsonNode examples = Json.MAPPER.readTree(dir.resolve("export.json").toFile()).path("examples");
      JsonNode a = examples.get(0);
      assertThat(a.path("scores").path("faithfulness").path("note").asText()).isEqualTo(
          "[supported] Paris is the capital of France\n"
              + "[unsupported] Paris has been the capital since 508 AD (no date in the context)");
      assertThat(examples.get(1).toString()).contains("faithfulness judge answer is not a JSON object");

      String q = Json.MAPPER.readTree(run.out()).path("runs").get(1).path("run_id").asText();
      CliHarness.Result report = cli.run("report", r.path("run_id").asText(), q, "--output", "report.html");
      assertThat(report.code()).as(report.toString()).isZero();
      String html = java.nio.file.Files.readString(dir.resolve("report.html"));
      assertThat(html).as("the claims are shown under the answer")
          .contains("[unsupported] Paris has been the capital since 508 AD (no date in the context)");
    }
  }
}
