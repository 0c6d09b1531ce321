package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 4: validation before work. A retrieval measure ({@code ndcg_cut_10}) in a text
 * suite passed validation and every example then failed; {@code assay score text} refused the same
 * metric up front. One applicability check now refuses a metric that cannot score the suite's
 * examples when the suite loads, before any system starts, for {@code run}, {@code gate} and {@code
 * plan}; and the score commands name the same families.
 */
class MetricApplicabilityTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 10);
  }

  /** A suite of two systems, each a command that leaves a file behind when it starts, and a gate. */
  private void suite(String metrics) throws Exception {
    String system = "    type: command\n    command: [sh, -c, 'touch started; cat']\n";
    cli.write("suite.yaml", "name: applicability\ndataset:\n  path: data.jsonl\nsystems:\n  base:\n" + system
        + "  cand:\n" + system + "metrics: " + metrics + "\n"
        + "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.02}\n");
  }

  private void nothingStarted() {
    assertThat(Files.exists(dir.resolve("started"))).as("the system was started").isFalse();
    noRun(cli);
  }

  @Test
  void aRetrievalMeasureInATextSuiteIsRefusedBeforeAnySystemStarts() throws Exception {
    suite("[exact_match, ndcg_cut_10]");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    oneLineInputError(r, "data.jsonl:1: field 'reference'", "metric 'ndcg_cut_10'", "a retrieval measure",
        "suite.yaml", "example 'q0' has no relevance judgments", "an object mapping docid to integer grade");
    nothingStarted();

    oneLineInputError(cli.run("gate", "suite.yaml"), "metric 'ndcg_cut_10'", "a retrieval measure");
    nothingStarted();
    oneLineInputError(cli.run("plan", "suite.yaml", "--hypothesis", "ndcg improves"), "metric 'ndcg_cut_10'");
    if (Files.exists(cli.storeFile())) {
      try (var store = cli.store()) {
        assertThat(store.plans()).as("no plan was stored").isEmpty();
      }
    }
  }

  @Test
  void aTextMetricInARetrievalSuiteIsRefused() throws Exception {
    cli.write("data.jsonl", "{\"id\":\"t1\",\"input\":\"cats\",\"reference\":{\"d1\":1}}\n"
        + "{\"id\":\"t2\",\"input\":\"dogs\",\"reference\":{\"d2\":2}}\n");
    suite("[ndcg_cut_10, bleu]");
    oneLineInputError(cli.run("run", "suite.yaml"), "data.jsonl:1: field 'reference'", "metric 'bleu'",
        "a text metric", "example 't1' has a reference of type object");
    nothingStarted();
  }

  @Test
  void oneExampleTheMetricCannotScoreIsNamed() throws Exception {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      data.append("{\"id\":\"c").append(i).append("\",\"input\":\"x\",\"reference\":")
          .append(i == 4 ? "[\"a\", 3]" : "\"positive\"").append("}\n");
    }
    cli.write("data.jsonl", data.toString());
    suite("[accuracy, f1]");
    oneLineInputError(cli.run("run", "suite.yaml"), "data.jsonl:5: field 'reference'", "metric 'accuracy'",
        "a classification metric", "example 'c4' has a reference of type array");
    nothingStarted();
  }

  @Test
  void metricsThatNeedNoReferenceApplyToAnySuite() throws Exception {
    cli.write("data.jsonl", "{\"id\":\"e1\",\"input\":\"x\"}\n{\"id\":\"e2\",\"input\":\"y\"}\n");
    cli.write("suite.yaml", "name: applicability\ndataset:\n  path: data.jsonl\nsystems:\n" + CliHarness.FAKE_UPPER
        + "metrics: [latency_p50, latency_max]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--no-cache");
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @Test
  void theScoreCommandsNameTheFamilyTheSameWay() throws Exception {
    cli.write("preds.jsonl", "{\"id\":\"q0\",\"output\":\"QUESTION 0\"}\n");
    CliHarness.Result text = cli.run("score", "text", "--predictions", "preds.jsonl", "--references", "data.jsonl",
        "--metrics", "ndcg_cut_10");
    oneLineInputError(text, "metric 'ndcg_cut_10' is a retrieval measure, not a text metric",
        "use assay score retrieval");
    CliHarness.Result latency = cli.run("score", "text", "--predictions", "preds.jsonl", "--references",
        "data.jsonl", "--metrics", "latency_p50");
    oneLineInputError(latency, "metric 'latency_p50' is an efficiency metric, not a text metric");
  }
}
