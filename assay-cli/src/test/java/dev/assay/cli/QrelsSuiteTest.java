package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 12: a retrieval suite whose judgments come from a TREC qrels file. Parity with
 * trec_eval on its own fixtures (../shared/data/trec_eval/test): the queries are the run's topics
 * plus one the qrels do not judge, the system replays results.test, and the run's values equal
 * {@code trec_eval -m all_trec qrels.test results.test} (out.test.a), which averages over the
 * judged topics; the unjudged query is left out and the run record counts it. With {@code
 * all_topics: true} it counts, as a topic without relevant documents.
 */
class QrelsSuiteTest {
  @TempDir Path dir;
  CliHarness cli;
  Path fixtures;

  static final List<String> MEASURES = List.of("map", "gm_map", "Rprec", "bpref", "recip_rank", "P_5", "P_10",
      "P_30", "P_1000", "ndcg", "ndcg_cut_10", "iprec_at_recall_0.50", "num_rel_ret", "num_rel", "num_ret", "infAP",
      "set_F", "11pt_avg");

  @BeforeEach
  void setUp() throws Exception {
    fixtures = ScoreRetrievalCommandTest.sharedTrecEval();
    cli = new CliHarness(dir);
    Map<String, ArrayNode> outputs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(fixtures.resolve("results.test"))) {
      String[] f = line.trim().split("\\s+");
      ObjectNode hit = Json.object();
      hit.put("docid", f[2]);
      hit.put("score", Double.parseDouble(f[4]));
      outputs.computeIfAbsent(f[0], k -> Json.MAPPER.createArrayNode()).add(hit);
    }
    assertThat(outputs.keySet()).containsExactly("301", "302", "303");
    // A query the qrels do not judge: trec_eval leaves such run topics out.
    outputs.put("999", (ArrayNode) outputs.get("301").deepCopy());
    StringBuilder queries = new StringBuilder();
    StringBuilder preds = new StringBuilder();
    for (Map.Entry<String, ArrayNode> e : outputs.entrySet()) {
      queries.append("{\"id\": \"").append(e.getKey()).append("\", \"input\": \"topic ").append(e.getKey())
          .append("\"}\n");
      ObjectNode p = Json.object();
      p.put("id", e.getKey());
      p.set("output", e.getValue());
      preds.append(Json.canonical(p)).append('\n');
    }
    cli.write("queries.jsonl", queries.toString());
    cli.write("preds.jsonl", preds.toString());
  }

  private void suite(String datasetExtra) throws Exception {
    cli.write("suite.yaml", "name: trec-fixture\ndataset:\n  path: queries.jsonl\n  qrels: "
        + fixtures.resolve("qrels.test") + "\n" + datasetExtra + "systems:\n  replay:\n    type: predictions\n"
        + "    path: preds.jsonl\nmetrics: [" + String.join(", ", MEASURES) + "]\n");
  }

  @Test
  void theRunEqualsTrecEvalAndCountsTheUnjudgedQuery() throws Exception {
    suite("");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode run = Json.MAPPER.readTree(r.out()).path("runs").get(0);
    Map<String, Double> expected = allValues(fixtures.resolve("out.test.a"));
    for (String m : MEASURES) {
      assertThat(run.path("metrics").path(m).asDouble()).as(m).isCloseTo(expected.get(m), within(5e-5));
    }
    assertThat(run.path("n").asInt()).isEqualTo(3);

    JsonNode shown = Json.MAPPER.readTree(cli.run("runs", "show", run.path("run_id").asText(), "--format", "json")
        .out());
    assertThat(shown.path("dataset_size").asInt()).isEqualTo(3);
    assertThat(shown.path("dataset_left_out").asInt()).isEqualTo(1);
    assertThat(cli.run("runs", "show", run.path("run_id").asText()).out())
        .contains("3 examples x 1; 1 queries without judgments left out");
    assertThat(cli.run("run", "suite.yaml").out())
        .contains("1 of 4 queries have no judgments in the qrels and are left out of the means");
  }

  @Test
  void withAllTopicsTheUnjudgedQueryCountsAsZero() throws Exception {
    suite("  all_topics: true\n");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode run = Json.MAPPER.readTree(r.out()).path("runs").get(0);
    assertThat(run.path("n").asInt()).isEqualTo(4);
    Map<String, Double> expected = allValues(fixtures.resolve("out.test.a"));
    // Means over 4 topics, the fourth scoring 0: 3/4 of trec_eval's mean over the 3 judged ones.
    for (String m : List.of("map", "P_5", "ndcg", "recip_rank")) {
      assertThat(run.path("metrics").path(m).asDouble()).as(m).isCloseTo(expected.get(m) * 3 / 4, within(5e-5));
    }
    // Counts are sums: the unjudged query adds retrieved documents but nothing relevant.
    assertThat(run.path("metrics").path("num_rel").asDouble()).isEqualTo(expected.get("num_rel"));
    assertThat(run.path("metrics").path("num_ret").asDouble()).isEqualTo(expected.get("num_ret") + 500);
    JsonNode shown = Json.MAPPER.readTree(cli.run("runs", "show", run.path("run_id").asText(), "--format", "json")
        .out());
    assertThat(shown.path("dataset_left_out").asInt()).isZero();
  }

  @Test
  void judgmentsInTwoPlacesOrNoneAreInputErrors() throws Exception {
    cli.write("queries.jsonl", "{\"id\": \"301\", \"input\": \"x\", \"reference\": {\"d1\": 1}}\n");
    suite("");
    CliHarness.Result both = cli.run("run", "suite.yaml");
    assertThat(both.code()).as(both.toString()).isEqualTo(2);
    assertThat(both.err()).contains("queries.jsonl:1: field 'reference': example '301' has its own reference, and "
        + "the suite's dataset names the qrels file ");

    cli.write("queries.jsonl", "{\"id\": \"q1\", \"input\": \"x\"}\n{\"id\": \"q2\", \"input\": \"y\"}\n");
    CliHarness.Result none = cli.run("run", "suite.yaml");
    assertThat(none.code()).as(none.toString()).isEqualTo(2);
    assertThat(none.err()).contains("queries.jsonl: no query is judged in ", "(2 queries, none of their ids is a topic "
        + "of the qrels) (query ids equal to qrels topic ids, or dataset.all_topics: true)");

    cli.write("suite.yaml", "name: x\ndataset:\n  path: queries.jsonl\n  all_topics: true\nsystems:\n  replay:\n"
        + "    type: predictions\n    path: preds.jsonl\nmetrics: [map]\n");
    CliHarness.Result alone = cli.run("run", "suite.yaml");
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).contains("field 'dataset.all_topics': given without dataset.qrels");

    cli.write("suite.yaml", "name: x\ndataset:\n  path: queries.jsonl\n  qrels: missing.txt\nsystems:\n  replay:\n"
        + "    type: predictions\n    path: preds.jsonl\nmetrics: [map]\n");
    CliHarness.Result missing = cli.run("run", "suite.yaml");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("missing.txt");
    assertThat(Json.MAPPER.readTree(cli.run("runs", "list", "--format", "json").out()).path("runs")).isEmpty();
  }

  /** The {@code all} lines of a trec_eval report. */
  static Map<String, Double> allValues(Path out) throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[1].equals("all") && !f[0].equals("runid")) {
        m.put(f[0], Double.parseDouble(f[2]));
      }
    }
    return m;
  }
}
