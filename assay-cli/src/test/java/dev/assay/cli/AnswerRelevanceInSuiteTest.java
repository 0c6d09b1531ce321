package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.systems.retrieval.MiniLmEmbedder;
import dev.assay.testkit.StubLlmServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code answer_relevance} in a suite, end to end over loopback HTTP with the shipped MiniLM model:
 * a scripted judge restates one question exactly (similarity 1), calls one answer noncommittal
 * (score 0), answers one with a question on and one off the topic (their mean, computed here from
 * the same embeddings), and answers one badly (an error of that metric only: the example's other metric
 * still scores, and the run completes).
 * The questions and similarities are the score's note, exported and shown in the report.
 */
class AnswerRelevanceInSuiteTest {
  @TempDir Path dir;

  /** The built-in prompt as the scorer renders it. */
  static String prompt(String answer, int count) throws IOException {
    try (InputStream in = dev.assay.systems.judge.FaithfulnessScorers.class
        .getResourceAsStream("answer_relevance.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{answer}}", answer)
          .replace("{{count}}", Integer.toString(count));
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * (double) b[i];
      na += a[i] * (double) a[i];
      nb += b[i] * (double) b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void answerRelevanceReachesTheRunRecordAndTheReport() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"What is the capital of France?\"}\n"
        + "{\"id\":\"b\",\"input\":\"Who wrote Emma?\"}\n"
        + "{\"id\":\"c\",\"input\":\"How tall is Mount Everest?\"}\n"
        + "{\"id\":\"d\",\"input\":\"When did the Berlin Wall fall?\"}\n");
    cli.write("preds.jsonl", "{\"id\":\"a\",\"output\":\"Paris.\"}\n"
        + "{\"id\":\"b\",\"output\":\"I cannot say for sure.\"}\n"
        + "{\"id\":\"c\",\"output\":\"About 8,849 metres; it is in Nepal.\"}\n"
        + "{\"id\":\"d\",\"output\":\"1989.\"}\n");
    cli.write("preds-q.jsonl", "{\"id\":\"a\",\"output\":\"Paris.\"}\n"
        + "{\"id\":\"b\",\"output\":\"Jane Austen.\"}\n"
        + "{\"id\":\"c\",\"output\":\"About 8,849 metres; it is in Nepal.\"}\n"
        + "{\"id\":\"d\",\"output\":\"1989.\"}\n");
    Map<String, String> answers = Map.of(
        prompt("Paris.", 2), "{\"questions\": [\"What is the capital of France?\", \"What is the capital of France?\"],"
            + " \"noncommittal\": false}",
        prompt("I cannot say for sure.", 2), "{\"questions\": [\"Who wrote Emma?\", \"Who wrote Emma?\"],"
            + " \"noncommittal\": true, \"reason\": \"evades\"}",
        prompt("About 8,849 metres; it is in Nepal.", 2), "{\"questions\": [\"How tall is Mount Everest?\","
            + " \"Which country is Mount Everest in?\"], \"noncommittal\": false}",
        prompt("1989.", 2), "1989 answers: when did the wall fall",
        prompt("Jane Austen.", 2), "{\"questions\": [\"Who wrote Emma?\", \"Who is the author of Emma?\"],"
            + " \"noncommittal\": false}");
    float[] everest = MiniLmEmbedder.shared().embed("How tall is Mount Everest?");
    double c = (1 + Math.max(0, cosine(everest, MiniLmEmbedder.shared().embed("Which country is Mount Everest in?"))))
        / 2;
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      cli.write("suite.yaml", "name: relevance\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
          + "    path: preds.jsonl\n  q:\n    type: predictions\n    path: preds-q.jsonl\nmetrics: [\"answer_relevance:base_url=" + stub.baseUrl() + ":model=j:questions=2\", latency_mean]\n"
          + "retries: 0\nmax_error_rate: 0.3\n");
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      JsonNode r = Json.MAPPER.readTree(run.out()).path("runs").get(0);
      assertThat(r.path("metrics").path("answer_relevance").asDouble()).as("(1 + 0 + c) / 3; d is an error")
          .isCloseTo((1 + 0 + c) / 3, within(1e-6));

      CliHarness.Result export = cli.run("runs", "export", r.path("run_id").asText(), "--output", "export.json");
      assertThat(export.code()).as(export.toString()).isZero();
      JsonNode examples = Json.MAPPER.readTree(dir.resolve("export.json").toFile()).path("examples");
      assertThat(examples.get(0).path("scores").path("answer_relevance").path("note").asText())
          .isEqualTo("[1.000] What is the capital of France?\n[1.000] What is the capital of France?");
      assertThat(examples.get(1).path("scores").path("answer_relevance").path("note").asText())
          .startsWith("noncommittal answer, score 0 (evades)\n[1.000] Who wrote Emma?");
      assertThat(examples.get(2).path("scores").path("answer_relevance").path("value").asDouble())
          .isCloseTo(c, within(1e-6));
      JsonNode d = examples.get(3);
      assertThat(d.path("error").isNull()).as("not the example's error").isTrue();
      assertThat(d.path("metric_errors").path("answer_relevance").asText())
          .startsWith("answer_relevance judge answer is not a JSON object");
      assertThat(d.path("scores").has("answer_relevance")).isFalse();
      assertThat(d.path("scores").has("latency_mean")).as("the other metric still scores d").isTrue();

      String q = Json.MAPPER.readTree(run.out()).path("runs").get(1).path("run_id").asText();
      CliHarness.Result report = cli.run("report", r.path("run_id").asText(), q, "--output", "report.html");
      assertThat(report.code()).as(report.toString()).isZero();
      assertThat(Files.readString(dir.resolve("report.html"))).as("the questions are shown under the answer")
          .contains("noncommittal answer, score 0 (evades)");
    }
  }
}
