package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classification metrics in a suite, end to end: a predictions system whose outputs are labels
 * (with or without probabilities) gives the same run values as {@code assay score classification}
 * on the equivalent predictions file, and two such runs compare per example where the metric has
 * per-example values.
 */
class ClassificationSuiteTest {
  private static final List<String> LABELS = List.of("neg", "neu", "pos");
  private static final int N = 60;

  @TempDir Path dir;
  CliHarness cli;
  long seed;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    seed = new Random().nextLong();
    Random rnd = new Random(seed);
    StringBuilder data = new StringBuilder();
    List<String> truth = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String t = LABELS.get(i < LABELS.size() ? i : rnd.nextInt(LABELS.size()));
      truth.add(t);
      data.append(Json.canonical(Json.object().put("id", "e" + i).put("input", "text " + i).put("reference", t)))
          .append('\n');
    }
    cli.write("data.jsonl", data.toString());
    writeSystem(rnd, truth, "a", 0.55, true);
    writeSystem(rnd, truth, "b", 0.85, true);
    writeSystem(rnd, truth, "c", 0.7, false);
  }

  /**
   * A system right with probability {@code skill}: {@code NAME.preds.jsonl} (suite predictions)
   * and {@code NAME.clf.jsonl} (the same examples for {@code assay score classification}). System
   * outputs without probabilities are bare labels, and example e5's output is malformed (a list):
   * the run records it as an error and the score file leaves it out.
   */
  private void writeSystem(Random rnd, List<String> truth, String name, double skill, boolean probabilities)
      throws Exception {
    StringBuilder preds = new StringBuilder();
    StringBuilder clf = new StringBuilder();
    for (int i = 0; i < N; i++) {
      String predicted = rnd.nextDouble() < skill ? truth.get(i) : LABELS.get(rnd.nextInt(LABELS.size()));
      ObjectNode record = Json.object().put("id", "e" + i).put("label", truth.get(i)).put("predicted", predicted);
      ObjectNode line = Json.object().put("id", "e" + i);
      if (probabilities) {
        ObjectNode output = line.putObject("output").put("label", predicted);
        double[] a = new double[LABELS.size()];
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
          a[c] = rnd.nextInt(6) + (LABELS.get(c).equals(predicted) ? 6 : 1);
          sum += a[c];
        }
        ObjectNode scores = output.putObject("scores");
        ObjectNode recordScores = record.putObject("scores");
        for (int c = 0; c < a.length; c++) {
          scores.put(LABELS.get(c), a[c] / sum);
          recordScores.put(LABELS.get(c), a[c] / sum);
        }
      } else if (i == 5) {
        line.putArray("output").add(predicted);
      } else {
        line.put("output", predicted);
      }
      preds.append(Json.canonical(line)).append('\n');
      if (probabilities || i != 5) {
        clf.append(Json.canonical(record)).append('\n');
      }
    }
    cli.write(name + ".preds.jsonl", preds.toString());
    cli.write(name + ".clf.jsonl", clf.toString());
  }

  private JsonNode runSuite(String systems, String metrics) throws Exception {
    StringBuilder yaml = new StringBuilder("name: clf\ndataset:\n  path: data.jsonl\nsystems:\n");
    for (String s : systems.split(",")) {
      yaml.append("  ").append(s).append(":\n    type: predictions\n    path: ").append(s).append(".preds.jsonl\n");
    }
    yaml.append("metrics: [").append(metrics).append("]\n");
    cli.write("suite.yaml", yaml.toString());
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json", "--no-cache");
    assertThat(r.code()).as("seed " + seed + "\n" + r).isZero();
    return Json.MAPPER.readTree(r.out()).path("runs");
  }

  private JsonNode scoreFile(String system, String metrics) throws Exception {
    CliHarness.Result r = cli.run("score", "classification", "--predictions", system + ".clf.jsonl", "--metrics",
        metrics, "--format", "json");
    assertThat(r.code()).as("seed " + seed + "\n" + r).isZero();
    return Json.MAPPER.readTree(r.out()).path("metrics");
  }

  private void assertSameMetrics(JsonNode run, JsonNode scored, String metrics) {
    for (String m : metrics.split(",")) {
      String name = m.trim();
      assertThat(run.path("metrics").path(name).isNumber()).as("seed " + seed + " " + name + " in " + run).isTrue();
      assertThat(run.path("metrics").path(name).doubleValue()).as("seed " + seed + " " + name)
          .isEqualTo(scored.path(name).doubleValue());
    }
  }

  @Test
  void runValuesEqualScoreClassificationOnTheSameData() throws Exception {
    String metrics = "accuracy, f1_macro, mcc, roc_auc, average_precision, log_loss, brier, ece:bins=10";
    JsonNode runs = runSuite("a,b", metrics);
    assertSameMetrics(runs.get(0), scoreFile("a", metrics.replace(" ", "")), metrics);
    assertSameMetrics(runs.get(1), scoreFile("b", metrics.replace(" ", "")), metrics);
  }

  @Test
  void bareLabelOutputsAndAMalformedOutput() throws Exception {
    String metrics = "accuracy, f1_macro, balanced_accuracy, cohen_kappa";
    JsonNode run = runSuite("c", metrics).get(0);
    // The system answered every example; the scorer could not read one answer, for every metric.
    assertThat(run.path("counts").path("error").asInt()).as("seed " + seed + " " + run).isZero();
    for (String m : metrics.split(", ")) {
      assertThat(run.path("counts").path("metric_errors").path(m).asInt()).as("seed " + seed + " " + m).isOne();
    }
    CliHarness.Result shown = cli.run("runs", "show", run.path("run_id").asText(), "--examples");
    assertThat(shown.out()).as(shown.toString()).containsPattern("e5\\t.*output is not a label");
    assertSameMetrics(run, scoreFile("c", metrics.replace(" ", "")), metrics);
  }

  @Test
  void compareTestsEveryMetricWithTheRunsOwnValues() throws Exception {
    JsonNode runs = runSuite("a,b", "accuracy, f1_macro, log_loss");
    CliHarness.Result r = cli.run("compare", runs.get(0).path("run_id").asText(), runs.get(1).path("run_id").asText(),
        "--format", "json", "--replicates", "500");
    assertThat(r.code()).as("seed " + seed + "\n" + r).isZero();
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.path("n").asInt()).isEqualTo(N);
    List<String> compared = doc.path("comparisons").findValuesAsText("metric");
    assertThat(compared).as("seed " + seed).contains("accuracy", "f1_macro", "log_loss");
    assertThat(compared).noneMatch(m -> m.contains("#"));
    for (JsonNode c : doc.path("comparisons")) {
      String metric = c.path("metric").asText();
      if (!metric.equals("latency_ms")) {
        // The values shown are the runs' own values of the metric, corpus metrics included.
        assertThat(c.path("baseline").asDouble()).as("seed " + seed + " " + metric)
            .isEqualTo(runs.get(0).path("metrics").path(metric).doubleValue());
        assertThat(c.path("candidate").asDouble()).as("seed " + seed + " " + metric)
            .isEqualTo(runs.get(1).path("metrics").path(metric).doubleValue());
        assertThat(c.path("difference").asDouble()).as("seed " + seed).isCloseTo(
            c.path("candidate").asDouble() - c.path("baseline").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
      }
      if (metric.equals("f1_macro")) {
        assertThat(c.path("statistic").asText()).isEqualTo("corpus");
      }
      if (c.path("metric").asText().equals("log_loss")) {
        assertThat(c.path("direction").asText()).isEqualTo("lower");
      }
    }
  }

  /**
   * {@code assay gate} on a classifier's headline corpus metrics: each rule shows the values {@code
   * assay score classification} computes, and the interval is of the corpus statistic recomputed on
   * each bootstrap replicate (its estimate is the difference of the two corpus values).
   */
  @Test
  void gatesOnCorpusClassificationMetrics() throws Exception {
    String metrics = "f1_macro, mcc, roc_auc, ece:bins=10";
    StringBuilder yaml = new StringBuilder("name: clf\ndataset:\n  path: data.jsonl\nsystems:\n");
    for (String s : List.of("a", "b")) {
      yaml.append("  ").append(s).append(":\n    type: predictions\n    path: ").append(s).append(".preds.jsonl\n");
    }
    yaml.append("metrics: [").append(metrics).append("]\ngate:\n  rules:\n");
    for (String m : List.of("f1_macro", "mcc", "roc_auc", "ece:bins=10")) {
      yaml.append("    - {rule: superiority, metric: \"").append(m).append("\"}\n");
    }
    cli.write("suite.yaml", yaml.toString());
    CliHarness.Result gate = cli.run("gate", "suite.yaml", "--format", "json", "--replicates", "2000");
    assertThat(gate.code()).as("seed " + seed + "\n" + gate).isIn(0, 1, 3);
    JsonNode verdict = Json.MAPPER.readTree(gate.out());
    JsonNode a = scoreFile("a", metrics.replace(" ", ""));
    JsonNode b = scoreFile("b", metrics.replace(" ", ""));
    assertThat(verdict.path("rules")).hasSize(4);
    for (JsonNode r : verdict.path("rules")) {
      String m = r.path("metric").asText();
      assertThat(r.path("baseline").asDouble()).as("seed " + seed + " " + m).isEqualTo(a.path(m).doubleValue());
      assertThat(r.path("candidate").asDouble()).as("seed " + seed + " " + m).isEqualTo(b.path(m).doubleValue());
      assertThat(r.path("estimate").asDouble()).as("seed " + seed + " " + m).isCloseTo(
          b.path(m).doubleValue() - a.path(m).doubleValue(), org.assertj.core.api.Assertions.within(1e-12));
      double lo = r.path("ci").get(0).asDouble();
      double hi = r.path("ci").get(1).asDouble();
      assertThat(lo).as("seed " + seed + " " + m).isLessThan(hi);
      assertThat(r.path("verdict").asText()).isIn("PASS", "FAIL", "INCONCLUSIVE");
    }
    // The verdict is stored, and compare names the statistic it resampled.
    assertThat(verdict.path("verdict_id").asText()).isNotBlank();
    CliHarness.Result compare = cli.run("compare", verdict.path("baseline").asText(),
        verdict.path("candidate").asText(), "--format", "json", "--replicates", "500");
    assertThat(compare.code()).as(compare.toString()).isZero();
    for (JsonNode c : Json.MAPPER.readTree(compare.out()).path("comparisons")) {
      if (!c.path("metric").asText().equals("latency_ms")) {
        assertThat(c.path("statistic").asText()).as(c.toString()).isEqualTo("corpus");
      }
    }
  }

  /**
   * A metric that does not fit the outputs (binary F1 over three classes) fails the run: it finished,
   * but a metric the suite asks for has no value, so the run is no evidence (exit 5).
   */
  @Test
  void aMetricThatDoesNotFitTheOutputsFailsTheRun() throws Exception {
    cli.write("suite.yaml", "name: clf\ndataset:\n  path: data.jsonl\nsystems:\n  c:\n    type: predictions\n"
        + "    path: c.preds.jsonl\nmetrics: [accuracy, f1_binary]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json", "--no-cache");
    assertThat(r.code()).as(r.toString()).isEqualTo(5);
    JsonNode run = Json.MAPPER.readTree(r.out()).path("runs").get(0);
    assertThat(run.path("status").asText()).isEqualTo("failed");
    assertThat(run.path("failure").asText()).contains("metric 'f1_binary'", "at most two classes");
    assertThat(r.err()).contains("FAILED", "at most two classes").doesNotContain("\tat ");
  }
}
