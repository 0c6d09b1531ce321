package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay score retrieval}: hand-worked values, both output layouts, trec_eval's own outputs, errors. */
class ScoreRetrievalCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  // q1: d1 (grade 1) and d3 (grade 2) relevant, ranked 1 and 3; q2: d4 relevant, ranked 2;
  // q3 is judged but absent from the run.
  static final String QRELS = "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 2\nq2 0 d4 1\nq3 0 d9 1\n";
  static final String RUN = "q1 Q0 d1 1 3.0 tag\nq1 Q0 d2 2 2.0 tag\nq1 Q0 d3 3 1.0 tag\n"
      + "q2 Q0 d5 1 2.0 tag\nq2 Q0 d4 2 1.0 tag\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("qrels.txt", QRELS);
    cli.write("run.txt", RUN);
  }

  private JsonNode json(String... extra) throws Exception {
    String[] args = new String[6 + extra.length];
    System.arraycopy(new String[] {"score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt"}, 0, args, 0, 6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    CliHarness.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    return Json.MAPPER.readTree(r.out());
  }

  @Test
  void jsonHasTheHandWorkedValues() throws Exception {
    JsonNode j = json("--metrics", "map,recip_rank,P_5,num_ret,num_rel", "--format", "json");
    assertThat(j.fieldNames()).toIterable().containsExactly("metrics", "n");
    assertThat(j.path("n").asInt()).isEqualTo(2);
    JsonNode m = j.path("metrics");
    assertThat(m.fieldNames()).toIterable().containsExactly("map", "recip_rank", "P_5", "num_ret", "num_rel");
    // AP(q1) = (1/1 + 2/3) / 2, AP(q2) = 1/2.
    assertThat(m.path("map").asDouble()).isCloseTo(((1 + 2.0 / 3) / 2 + 0.5) / 2, within(1e-12));
    assertThat(m.path("recip_rank").asDouble()).isCloseTo(0.75, within(1e-12));
    assertThat(m.path("P_5").asDouble()).isCloseTo((2 / 5.0 + 1 / 5.0) / 2, within(1e-12));
    assertThat(m.path("num_ret").asDouble()).isEqualTo(5);
    assertThat(m.path("num_rel").asDouble()).isEqualTo(3);
  }

  @Test
  void perQueryLevelAndAllTopics() throws Exception {
    JsonNode j = json("--metrics", "map", "--metrics", "mrr", "--per-query", "--format", "json");
    assertThat(j.fieldNames()).toIterable().containsExactly("metrics", "n", "per_query");
    assertThat(j.path("per_query").fieldNames()).toIterable().containsExactly("q1", "q2");
    assertThat(j.path("per_query").path("q1").path("map").asDouble()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
    assertThat(j.path("per_query").path("q2").path("recip_rank").asDouble()).isEqualTo(0.5);

    JsonNode all = json("--metrics", "map", "--all-topics", "--format", "json");
    assertThat(all.path("n").asInt()).isEqualTo(3);
    assertThat(all.path("metrics").path("map").asDouble()).isCloseTo(((1 + 2.0 / 3) / 2 + 0.5) / 3, within(1e-12));

    // At level 2 only d3 is relevant for q1 (rank 3), and q2 has no relevant document.
    JsonNode level2 = json("--metrics", "map", "--level", "2", "--format", "json");
    assertThat(level2.path("metrics").path("map").asDouble()).isCloseTo((1 / 3.0 + 0) / 2, within(1e-12));
  }

  @Test
  void textIsTrecEvalsThreeColumns() {
    CliHarness.Result r = cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt",
        "--metrics", "map,P.5,10", "--per-query");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(""
        + "map                   \tq1\t0.8333\n"
        + "P_5                   \tq1\t0.4000\n"
        + "P_10                  \tq1\t0.2000\n"
        + "map                   \tq2\t0.5000\n"
        + "P_5                   \tq2\t0.2000\n"
        + "P_10                  \tq2\t0.1000\n"
        + "map                   \tall\t0.6667\n"
        + "P_5                   \tall\t0.3000\n"
        + "P_10                  \tall\t0.1500\n");
  }

  @Test
  void allTopicsPerQueryPrintsTheMissingTopicAsTrecEvalDoes() throws Exception {
    // Expected: trec_eval 10.0 -q -c -m num_q -m num_ret -m num_rel -m num_rel_ret -m map -m gm_map
    // -m P.5 -m relstring -m utility -m unj.5 on QRELS and RUN (q3 is judged, not ranked).
    CliHarness.Result r = cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt",
        "--metrics", "num_q,num_ret,num_rel,num_rel_ret,map,gm_map,P.5,relstring,utility,unj.5",
        "--per-query", "--all-topics");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(""
        + "num_ret               \tq1\t3\n"
        + "num_rel               \tq1\t2\n"
        + "num_rel_ret           \tq1\t2\n"
        + "map                   \tq1\t0.8333\n"
        + "P_5                   \tq1\t0.4000\n"
        + "relstring             \tq1\t'102'\n"
        + "utility               \tq1\t1.0000\n"
        + "unj_5                 \tq1\t0.0000\n"
        + "num_ret               \tq2\t2\n"
        + "num_rel               \tq2\t1\n"
        + "num_rel_ret           \tq2\t1\n"
        + "map                   \tq2\t0.5000\n"
        + "P_5                   \tq2\t0.2000\n"
        + "relstring             \tq2\t'-1'\n"
        + "utility               \tq2\t0.0000\n"
        + "unj_5                 \tq2\t0.2000\n"
        + "num_ret               \tq3\t0\n"
        + "num_rel               \tq3\t1\n"
        + "num_rel_ret           \tq3\t0\n"
        + "map                   \tq3\t0.0000\n"
        + "P_5                   \tq3\t0.0000\n"
        + "relstring             \tq3\t''\n"
        + "utility               \tq3\t0.0000\n"
        + "unj_5                 \tq3\t0.0000\n"
        + "num_q                 \tall\t3\n"
        + "num_ret               \tall\t5\n"
        + "num_rel               \tall\t4\n"
        + "num_rel_ret           \tall\t3\n"
        + "map                   \tall\t0.4444\n"
        + "gm_map                \tall\t0.0161\n"
        + "P_5                   \tall\t0.2000\n"
        + "utility               \tall\t0.3333\n"
        + "unj_5                 \tall\t0.0667\n");

    // trec_eval 10.0 -q -c -l2 -m num_rel -m map: the summary num_rel still counts grades above 0.
    JsonNode level2 = json("--metrics", "num_rel,map", "--level", "2", "--per-query", "--all-topics",
        "--format", "json");
    assertThat(level2.path("n").asInt()).isEqualTo(3);
    assertThat(level2.path("per_query").fieldNames()).toIterable().containsExactly("q1", "q2", "q3");
    assertThat(level2.path("per_query").path("q3").path("num_rel").asDouble()).isZero();
    assertThat(level2.path("metrics").path("num_rel").asDouble()).isEqualTo(4);
    assertThat(level2.path("metrics").path("map").asDouble()).isCloseTo(1 / 9.0, within(1e-12));
  }

  @Test
  void matchesTrecEvalOutputLineForLine() throws Exception {
    Path test = sharedTrecEval();
    String[] base = {"score", "retrieval", "--qrels", test.resolve("qrels.test").toString(), "--run",
        test.resolve("results.test").toString()};
    assertSameLines(cli.run(base), test.resolve("out.test"));
    assertSameLines(cli.run(concat(base, "--metrics", "all_trec")), test.resolve("out.test.a"));
    assertSameLines(cli.run(concat(base, "--metrics", "all_trec", "--per-query")), test.resolve("out.test.aq"));
    // The example in docs/cli.md.
    assertThat(cli.run(concat(base, "--metrics", "map,ndcg_cut_10,P.5,10")).out()).isEqualTo(""
        + "map                   \tall\t0.1785\n"
        + "ndcg_cut_10           \tall\t0.3016\n"
        + "P_5                   \tall\t0.2667\n"
        + "P_10                  \tall\t0.3000\n");
  }

  @Test
  void badLineIsOneErrorNamingFileAndLine() throws Exception {
    cli.write("run.txt", "q1 Q0 d1 1 3.0 tag\nq1 Q0 d2 2 2.0\n");
    assertInputError(cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt"),
        "run.txt:2: ", "run line has 5 fields");
    cli.write("qrels.txt", "q1 0 d1 yes\n");
    assertInputError(cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt"),
        "qrels.txt:1: ", "relevance 'yes' is not an integer");
  }

  @Test
  void aMetricThatDoesNotApplyIsAnInputError() {
    assertInputError(cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt", "--metrics", "map,bleu"),
        "error: metric 'bleu' is a text metric, not a retrieval measure", "assay score text");
    assertInputError(cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt", "--metrics", "ndgc_cut_10"),
        "error: unknown retrieval measure 'ndgc_cut_10'", "did you mean 'ndcg_cut_10'");
    assertInputError(cli.run("score", "retrieval", "--qrels", "qrels.txt", "--run", "run.txt", "--level", "0"),
        "error: ", "relevance level 0 is below 1");
  }

  static void assertInputError(CliHarness.Result r, String start, String contains) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(start).contains(contains);
    assertThat(r.err().strip().lines()).as("one line: " + r).hasSize(1);
    assertThat(r.out()).as(r.toString()).isEmpty();
  }

  private static void assertSameLines(CliHarness.Result r, Path expected) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines()).as("assay vs " + expected)
        .containsExactlyElementsOf(Files.readAllLines(expected, StandardCharsets.UTF_8));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** ../shared/data/trec_eval/test, or the test is skipped. */
  static Path sharedTrecEval() {
    String prop = System.getProperty("assay.shared.data");
    Path root = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "data");
    Path test = root.resolve("trec_eval").resolve("test").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isRegularFile(test.resolve("out.test")),
        "trec_eval fixtures not found at " + test + "; parity test skipped");
    return test;
  }
}
