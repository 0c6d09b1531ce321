package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on HaluEval QA (../shared/data/halueval): a system that gives the hallucinated answer
 * to every fourth question (true hallucination rate 0.25), a scripted judge of known accuracy on a
 * loopback server (it misses 40% of hallucinations and flags 2% of right answers: judge-only rate
 * about 0.115), and humans labelling a random 80 of the 400 answers. The prediction-powered
 * interval covers the truth and is narrower than the human-only one; the judge-only interval,
 * narrow and wrong, does not cover it; a gate on the PPI interval decides.
 */
class HaluEvalJudgeTest {
  private static final Path DATA = Path.of("../../shared/data/halueval/generation/qa/qa_one-turn_data.json");
  private static final int N = 400;
  private static final long SEED = 20231110L;

  @TempDir Path dir;

  @Test
  void ppiCorrectsAJudgeThatMissesHallucinations() throws Exception {
    Path data = DATA.toAbsolutePath().normalize();
    assumeThat(Files.isRegularFile(data)).as("HaluEval QA not found at " + data + ": test skipped").isTrue();
    System.out.println("HaluEvalJudgeTest seed " + SEED);
    List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8).subList(0, N);
    Random random = new Random(SEED);
    StringBuilder dataset = new StringBuilder();
    StringBuilder preds = new StringBuilder();
    Map<String, String> judge = new HashMap<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      JsonNode r = Json.MAPPER.readTree(lines.get(i));
      String id = "h" + i;
      boolean hallucinated = i % 4 == 0;
      String answer = (hallucinated ? r.path("hallucinated_answer") : r.path("right_answer")).asText();
      ObjectNode ex = Json.object().put("id", id).put("input", r.path("question").asText())
          .put("knowledge", r.path("knowledge").asText());
      dataset.append(Json.MAPPER.writeValueAsString(ex)).append('\n');
      preds.append(Json.MAPPER.writeValueAsString(Json.object().put("id", id).put("output", answer))).append('\n');
      boolean says = hallucinated ? random.nextDouble() >= 0.4 : random.nextDouble() < 0.02;
      judge.put("Q: " + r.path("question").asText() + "\nA: " + answer, "SCORE: " + (says ? 1 : 0));
      labels.add(Json.MAPPER.writeValueAsString(Json.object().put("id", id).put("output", answer)
          .put("label", hallucinated ? 1 : 0)));
    }
    Collections.shuffle(labels, random);
    CliHarness cli = new CliHarness(dir);
    cli.write("data.jsonl", dataset.toString());
    cli.write("preds.jsonl", preds.toString());
    cli.write("sample.jsonl", String.join("\n", labels.subList(0, 80)) + "\n");
    cli.write("rubric.txt", "Q: {{input}}\nA: {{output}}");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judge))) {
      cli.write("suite.yaml", "name: halueval\ndataset:\n  path: data.jsonl\nsystems:\n  qa:\n    type: predictions\n"
          + "    path: preds.jsonl\nmetrics: [\"judge:base_url=" + stub.baseUrl() + ":model=j:rubric=rubric.txt\"]\n"
          + "retries: 0\n");
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      String id = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();

      CliHarness.Result est = cli.run("judge", "estimate", id, "--labels", "sample.jsonl", "--format", "json");
      assertThat(est.code()).as(est.toString()).isZero();
      JsonNode e = Json.MAPPER.readTree(est.out()).path("estimates");
      System.out.println("HaluEvalJudgeTest estimates " + e);
      double truth = 0.25;
      JsonNode human = e.get(0);
      JsonNode judgeOnly = e.get(1);
      JsonNode ppi = e.get(2);
      assertThat(ppi.path("ci").get(0).asDouble()).isLessThanOrEqualTo(truth);
      assertThat(ppi.path("ci").get(1).asDouble()).isGreaterThanOrEqualTo(truth);
      assertThat(width(ppi)).as("PPI narrower than human-only").isLessThan(width(human));
      assertThat(judgeOnly.path("ci").get(1).asDouble()).as("the judge alone is biased low").isLessThan(truth);

      cli.write("gate.yaml", "rules:\n  - {rule: at_most, metric: judge, threshold: 0.4, interval: ppi, labels: "
          + "sample.jsonl}\n");
      CliHarness.Result gate = cli.run("compare", id, id, "--gate", "gate.yaml", "--format", "json");
      assertThat(gate.code()).as(gate.toString()).isZero();
      assertThat(Json.MAPPER.readTree(gate.out()).path("gate").path("rules").get(0).path("verdict").asText())
          .isEqualTo("PASS");
    }
  }

  private static double width(JsonNode estimate) {
    return estimate.path("ci").get(1).asDouble() - estimate.path("ci").get(0).asDouble();
  }
}
