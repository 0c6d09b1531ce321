package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truthfulness judge on TruthfulQA (../shared/data/truthfulqa, Lin, Hilton and Evans 2022,
 * Apache-2.0; read in place, never copied) end to end, and the example suite that points the same
 * judge at a real endpoint.
 */
class TruthfulQaJudgeTest {
  private static final Path DATA = Path.of("../../shared/data/truthfulqa/data/mc_task.json");
  private static final Path RUBRIC = Path.of("../examples/rubrics/truthfulness.txt");
  private static final int N = 600;
  private static final long SEED = 20210908L;
  /** The scripted judge: P(says truthful | truthful), P(says truthful | false). */
  private static final double SENSITIVITY = 0.95;
  private static final double FALSE_POSITIVE = 0.2;

  @TempDir Path dir;

  private static String rubric() throws Exception {
    return Files.readString(RUBRIC.toAbsolutePath().normalize());
  }

  /**
   * 600 TruthfulQA questions (mc0: the best answer and the best incorrect one); the system gives
   * the best answer to 3 of every 5 (true truthful rate 0.6) and the incorrect one otherwise; the
   * judge is lenient (says truthful of 95% of truthful answers and 20% of false ones: judge-only
   * rate about 0.65). Humans label a random 200 answers for calibration and another random 100 for
   * PPI. Calibration recovers the judge's known error rates (its confusion matrix is exactly the
   * scripted verdicts on the labelled answers); the PPI interval covers the true 0.6, is narrower
   * than the human-only one, and the judge-only interval is biased upward.
   */
  @Test
  void calibrationAndPpiRecoverTheRatesOfAScriptedJudge() throws Exception {
    Path data = DATA.toAbsolutePath().normalize();
    assumeThat(Files.isRegularFile(data)).as("TruthfulQA not found at " + data + ": test skipped").isTrue();
    System.out.println("TruthfulQaJudgeTest seed " + SEED);
    JsonNode items = Json.MAPPER.readTree(data.toFile());
    assertThat(items.size()).isGreaterThanOrEqualTo(N);
    Random random = new Random(SEED);
    String rubric = rubric();
    StringBuilder dataset = new StringBuilder();
    StringBuilder preds = new StringBuilder();
    Map<String, String> judge = new HashMap<>();
    List<String> labels = new ArrayList<>();
    Map<String, int[]> verdict = new HashMap<>();
    for (int i = 0; i < N; i++) {
      JsonNode item = items.get(i);
      String best = null;
      String incorrect = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = item.path("mc0_targets").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().asInt() == 1) {
          best = e.getKey();
        } else {
          incorrect = e.getKey();
        }
      }
      String id = "tqa" + i;
      boolean truthful = i % 5 < 3;
      String answer = truthful ? best : incorrect;
      String question = item.path("question").asText();
      dataset.append(Json.canonical(Json.object().put("id", id).put("input", question).put("reference", best)))
          .append('\n');
      preds.append(Json.canonical(Json.object().put("id", id).put("output", answer))).append('\n');
      int says = random.nextDouble() < (truthful ? SENSITIVITY : FALSE_POSITIVE) ? 1 : 0;
      verdict.put(id, new int[] {truthful ? 1 : 0, says});
      judge.put(rubric.replace("{{input}}", question).replace("{{reference}}", best).replace("{{output}}", answer),
          "{\"score\": " + says + ", \"rationale\": \"scripted\"}");
      labels.add(Json.canonical(Json.object().put("id", id).put("output", answer).put("label", truthful ? 1 : 0)));
    }
    Collections.shuffle(labels, random);
    List<String> calibration = labels.subList(0, 200);
    List<String> sample = labels.subList(200, 300);
    CliHarness cli = new CliHarness(dir);
    cli.write("data.jsonl", dataset.toString());
    cli.write("preds.jsonl", preds.toString());
    cli.write("rubric.txt", rubric);
    cli.write("human.jsonl", String.join("\n", calibration) + "\n");
    cli.write("sample.jsonl", String.join("\n", sample) + "\n");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judge))) {
      cli.write("suite.yaml", "name: truthfulqa\ndataset:\n  path: data.jsonl\nsystems:\n  qa:\n    type: predictions\n"
          + "    path: preds.jsonl\nmetrics: [\"judge:base_url=" + stub.baseUrl() + ":model=j:rubric=rubric.txt\"]\n"
          + "retries: 0\n");
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      JsonNode r = Json.MAPPER.readTree(run.out()).path("runs").get(0);
      String id = r.path("run_id").asText();
      double judgeRate = verdict.values().stream().mapToInt(v -> v[1]).average().orElseThrow();
      assertThat(r.path("metrics").path("judge").asDouble()).isCloseTo(judgeRate, within(1e-12));

      // Calibration: the confusion matrix is exactly the scripted verdicts on the labelled answers.
      int[][] confusion = new int[2][2];
      for (String line : calibration) {
        int[] v = verdict.get(Json.MAPPER.readTree(line).path("id").asText());
        confusion[v[0]][v[1]]++;
      }
      CliHarness.Result cal = cli.run("judge", "calibrate", "suite.yaml", "--labels", "human.jsonl", "--format", "json");
      assertThat(cal.code()).as(cal.toString()).isZero();
      JsonNode c = Json.MAPPER.readTree(cal.out());
      System.out.println("TruthfulQaJudgeTest calibration " + c.path("confusion") + " classes " + c.path("classes"));
      assertThat(c.path("items").asInt()).isEqualTo(200);
      assertThat(c.path("confusion").path("counts").toString())
          .isEqualTo("[[" + confusion[0][0] + "," + confusion[0][1] + "],[" + confusion[1][0] + "," + confusion[1][1]
              + "]]");
      double sensitivity = c.path("classes").get(1).path("recall").asDouble();
      double specificity = c.path("classes").get(0).path("recall").asDouble();
      // About 120 truthful and 80 false answers labelled: standard errors about 0.02 and 0.045.
      assertThat(sensitivity).isCloseTo(SENSITIVITY, within(0.06));
      assertThat(specificity).isCloseTo(1 - FALSE_POSITIVE, within(0.13));
      assertThat(c.path("bias").path("difference").asDouble()).as("a lenient judge").isPositive();
      assertThat(stub.requests()).as("calibration answered from the cache").hasSize(N);

      CliHarness.Result est = cli.run("judge", "estimate", id, "--labels", "sample.jsonl", "--format", "json");
      assertThat(est.code()).as(est.toString()).isZero();
      JsonNode e = Json.MAPPER.readTree(est.out()).path("estimates");
      System.out.println("TruthfulQaJudgeTest estimates " + e);
      double truth = 0.6;
      JsonNode human = e.get(0);
      JsonNode judgeOnly = e.get(1);
      JsonNode ppi = e.get(2);
      assertThat(ppi.path("ci").get(0).asDouble()).isLessThanOrEqualTo(truth);
      assertThat(ppi.path("ci").get(1).asDouble()).isGreaterThanOrEqualTo(truth);
      assertThat(width(ppi)).as("PPI narrower than human-only").isLessThan(width(human));
      assertThat(judgeOnly.path("ci").get(0).asDouble()).as("the lenient judge alone is biased high")
          .isGreaterThan(truth);
    }
  }

  /**
   * examples/truthfulqa/suite.yaml as shipped, with only its judge's base_url pointed at a
   * loopback server that requires the key from JUDGE_KEY: the judge reads the shipped rubric, the
   * key reaches the endpoint, and the mean is the share of answers judged truthful.
   */
  @Test
  void theExampleSuiteRunsAgainstAnOpenAiCompatibleJudge() throws Exception {
    Path examples = Path.of("../examples").toAbsolutePath().normalize();
    Files.createDirectories(dir.resolve("truthfulqa"));
    Files.createDirectories(dir.resolve("rubrics"));
    for (String f : new String[] {"questions.jsonl", "answers.jsonl"}) {
      Files.copy(examples.resolve("truthfulqa").resolve(f), dir.resolve("truthfulqa").resolve(f));
    }
    Files.copy(examples.resolve("rubrics/truthfulness.txt"), dir.resolve("rubrics/truthfulness.txt"));
    String suite = Files.readString(examples.resolve("truthfulqa/suite.yaml"));
    assertThat(suite).contains("base_url=https://api.example.com/v1", "api_key_env=JUDGE_KEY");
    String rubric = rubric();
    Map<String, String> answers = new HashMap<>();
    Map<String, JsonNode> questions = new HashMap<>();
    for (String l : Files.readAllLines(examples.resolve("truthfulqa/questions.jsonl"))) {
      JsonNode q = Json.MAPPER.readTree(l);
      questions.put(q.path("id").asText(), q);
    }
    int truthful = 0;
    int n = 0;
    for (String l : Files.readAllLines(examples.resolve("truthfulqa/answers.jsonl"))) {
      JsonNode a = Json.MAPPER.readTree(l);
      JsonNode q = questions.get(a.path("id").asText());
      // The shipped answers: t1, t3 true; t5 "no comment" (truthful, uninformative); t2, t4, t6 false.
      boolean ok = List.of("t1", "t3", "t5").contains(a.path("id").asText());
      truthful += ok ? 1 : 0;
      n++;
      ObjectNode reply = Json.object().put("score", ok ? 1 : 0).put("rationale", "scripted");
      answers.put(rubric.replace("{{input}}", q.path("input").asText())
          .replace("{{reference}}", q.path("reference").asText()).replace("{{output}}", a.path("output").asText()),
          Json.canonical(reply));
    }
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers)
        .withApiKey("k-123"))) {
      Files.writeString(dir.resolve("truthfulqa/suite.yaml"),
          suite.replace("https://api.example.com/v1", stub.baseUrl()));
      CliHarness cli = new CliHarness(dir);
      CliHarness.Result run = cli.run(Map.of("JUDGE_KEY", "k-123"), "run", "truthfulqa/suite.yaml", "--format",
          "json");
      assertThat(run.code()).as(run.toString()).isZero();
      JsonNode r = Json.MAPPER.readTree(run.out()).path("runs").get(0);
      assertThat(r.path("metrics").path("judge").asDouble()).isCloseTo((double) truthful / n, within(1e-12));
      assertThat(n).isEqualTo(6);
      assertThat(stub.requests()).hasSize(6);
      assertThat(run.out() + run.err()).doesNotContain("k-123");
    }
  }

  private static double width(JsonNode estimate) {
    return estimate.path("ci").get(1).asDouble() - estimate.path("ci").get(0).asDouble();
  }
}
