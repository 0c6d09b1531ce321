package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay compare} and {@code assay gate} on a corpus metric (BLEU) whose sentence mean and
 * corpus value disagree on the sign of the difference, and over clusters of examples.
 */
class CompareCorpusAndClustersTest {
  private static final int SHORT = 40;
  private static final int LONG = 16;
  private static final int DOCS = 14;

  @TempDir Path dir;
  CliHarness cli;

  /** Words unique to example i; garbled replaces every other word, which kills its 2- to 4-grams. */
  private static String sentence(int i, int words, boolean garbled) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < words; j++) {
      sb.append(j > 0 ? " " : "").append(garbled && j % 2 == 1 ? "zz" + i + "x" + j : "w" + i + "y" + j);
    }
    return sb.toString();
  }

  /**
   * The baseline copies the short references and garbles the long ones, the candidate the other
   * way round: the baseline wins the mean of sentence BLEU, the candidate wins corpus BLEU.
   */
  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    StringBuilder data = new StringBuilder();
    StringBuilder base = new StringBuilder();
    StringBuilder cand = new StringBuilder();
    for (int i = 0; i < SHORT + LONG; i++) {
      boolean isShort = i < SHORT;
      int words = isShort ? 4 : 30;
      String id = String.format("s%03d", i);
      String critical = isShort ? "" : ",\"tags\":{\"critical\":\"yes\"}";
      data.append("{\"id\":\"").append(id).append("\",\"input\":\"translate ").append(id).append("\",\"reference\":\"")
          .append(sentence(i, words, false)).append("\",\"doc\":\"d").append(i % DOCS).append('"').append(critical)
          .append("}\n");
      base.append("{\"id\":\"").append(id).append("\",\"output\":\"").append(sentence(i, words, !isShort))
          .append("\"}\n");
      cand.append("{\"id\":\"").append(id).append("\",\"output\":\"").append(sentence(i, words, isShort))
          .append("\"}\n");
    }
    cli.write("data.jsonl", data.toString());
    cli.write("base.jsonl", base.toString());
    cli.write("cand.jsonl", cand.toString());
  }

  private void suite(String extra) throws Exception {
    cli.write("suite.yaml", "name: corpus\ndataset:\n  path: data.jsonl\nsystems:\n"
        + "  base:\n    type: predictions\n    path: base.jsonl\n"
        + "  cand:\n    type: predictions\n    path: cand.jsonl\n"
        + "metrics: [bleu]\n" + extra);
  }

  private double scoreText(String predictions) throws Exception {
    CliHarness.Result r = cli.run("score", "text", "--predictions", predictions, "--references", "data.jsonl",
        "--metrics", "bleu", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(r.out());
    JsonNode bleu = doc.findValue("bleu");
    assertThat(bleu).as(r.out()).isNotNull();
    return bleu.asDouble();
  }

  private String[] runBoth() throws Exception {
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode runs = Json.MAPPER.readTree(r.out()).path("runs");
    return new String[] {runs.get(0).path("run_id").asText(), runs.get(1).path("run_id").asText()};
  }

  @Test
  void compareReportsTheCorpusValueThatScoreTextPrints() throws Exception {
    suite("");
    String[] ids = runBoth();
    CliHarness.Result r = cli.run("compare", ids[0], ids[1], "--metrics", "bleu", "--format", "json",
        "--replicates", "2000");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.path("resampling").asText()).isEqualTo("example");
    JsonNode bleu = doc.path("comparisons").get(0);
    assertThat(bleu.path("statistic").asText()).isEqualTo("corpus");
    assertThat(bleu.path("baseline").asDouble()).isEqualTo(scoreText("base.jsonl"));
    assertThat(bleu.path("candidate").asDouble()).isEqualTo(scoreText("cand.jsonl"));
    assertThat(bleu.path("difference").asDouble()).as("corpus BLEU: the candidate is better").isPositive();
    assertThat(bleu.path("ci").get(0).asDouble()).isPositive();
    assertThat(bleu.path("test").asText()).startsWith("paired-randomization");

    CliHarness.Result text = cli.run("compare", ids[0], ids[1], "--metrics", "bleu", "--replicates", "2000");
    assertThat(text.out()).contains("STATISTIC", "corpus");
  }

  @Test
  void gateJudgesCorpusBleuAndKeepsNoRegressionsPerExample() throws Exception {
    suite("gate:\n  rules:\n    - {rule: superiority, metric: bleu}\n"
        + "    - {rule: no_regressions, metric: bleu, pass_threshold: 50}\n");
    CliHarness.Result r = cli.run("gate", "suite.yaml", "--format", "json", "--replicates", "2000");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.path("verdict").asText()).isEqualTo("PASS");
    JsonNode sup = doc.path("rules").get(0);
    assertThat(sup.path("estimate").asDouble()).isEqualTo(scoreText("cand.jsonl") - scoreText("base.jsonl"));
    assertThat(doc.path("rules").get(1).path("n").asInt()).as("the long examples are critical").isEqualTo(LONG);
  }

  @Test
  void clustersFromTheSuiteOrTheCommandLine() throws Exception {
    suite("cluster: doc\ngate:\n  rules:\n    - {rule: superiority, metric: bleu}\n");
    String[] ids = runBoth();
    CliHarness.Result fromSuite = cli.run("compare", ids[0], ids[1], "--metrics", "bleu", "--format", "json",
        "--replicates", "1000");
    assertThat(fromSuite.code()).as(fromSuite.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(fromSuite.out());
    assertThat(doc.path("resampling").asText()).isEqualTo("cluster:doc");
    assertThat(doc.path("clusters").asInt()).isEqualTo(DOCS);
    assertThat(doc.path("comparisons").get(0).path("test").asText()).endsWith("(clusters)");

    CliHarness.Result gate = cli.run("gate", "suite.yaml", "--format", "json", "--replicates", "1000");
    JsonNode g = Json.MAPPER.readTree(gate.out());
    assertThat(g.path("resampling").asText()).as(gate.toString()).isEqualTo("cluster:doc");
    assertThat(g.path("clusters").asInt()).isEqualTo(DOCS);

    CliHarness.Result report = cli.run("report", ids[0], ids[1], "--metrics", "bleu", "--replicates", "500",
        "--format", "md", "--output", "report.md");
    assertThat(report.code()).as(report.toString()).isZero();
    assertThat(java.nio.file.Files.readString(dir.resolve("report.md")))
        .contains("resampled as " + DOCS + " clusters (cluster:doc)");

    // Exports carry no example fields: the store that made them has the dataset, another store
    // (a colleague's machine) needs it given with --dataset.
    cli.run("runs", "export", ids[0], "--output", "b.json");
    cli.run("runs", "export", ids[1], "--output", "c.json");
    CliHarness.Result sameStore = cli.run("compare", "b.json", "c.json", "--cluster", "doc", "--format", "json",
        "--replicates", "500");
    assertThat(sameStore.code()).as(sameStore.toString()).isZero();
    assertThat(Json.MAPPER.readTree(sameStore.out()).path("clusters").asInt()).isEqualTo(DOCS);
    java.nio.file.Files.move(dir.resolve("data.jsonl"), dir.resolve("moved.jsonl"));
    CliHarness.Result noData = cli.run("compare", "b.json", "c.json", "--cluster", "doc", "--store", "elsewhere.db");
    assertThat(noData.code()).as(noData.toString()).isEqualTo(2);
    assertThat(noData.err()).contains("clustering by 'doc' needs the run's examples", "data.jsonl: file not found", "--dataset FILE");
    CliHarness.Result withData = cli.run("compare", "b.json", "c.json", "--cluster", "doc", "--dataset",
        "moved.jsonl", "--format", "json", "--replicates", "500", "--store", "elsewhere.db");
    assertThat(withData.code()).as(withData.toString()).isZero();
    assertThat(Json.MAPPER.readTree(withData.out()).path("clusters").asInt()).isEqualTo(DOCS);
    CliHarness.Result unknown = cli.run("compare", "b.json", "c.json", "--cluster", "document", "--dataset",
        "moved.jsonl", "--store", "elsewhere.db");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.err()).contains("moved.jsonl:1: field 'document': example 's000' has no value of the cluster "
        + "field 'document'").doesNotContain("\tat ");

    cli.write("bad.yaml", "name: corpus\ndataset:\n  path: data.jsonl\nsystems:\n"
        + "  base:\n    type: predictions\n    path: base.jsonl\nmetrics: [bleu]\ncluster: [doc]\n");
    cli.write("data.jsonl", "");
    CliHarness.Result bad = cli.run("gate", "bad.yaml");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.yaml:9: field 'cluster': got a list");
  }
}
