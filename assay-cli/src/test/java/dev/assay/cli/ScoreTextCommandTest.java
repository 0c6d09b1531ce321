package dev.assay.cli;

import static dev.assay.cli.ScoreRetrievalCommandTest.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay score text}: SQuAD metrics and corpus BLEU on hand-worked inputs, id matching, errors. */
class ScoreTextCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String REFS = "{\"id\":\"a\",\"reference\":\"The cat sat.\"}\n"
      + "{\"id\":\"b\",\"reference\":[\"A dog\",\"the dog barked\"]}\n"
      + "{\"id\":\"c\",\"input\":\"colour?\",\"reference\":\"blue\"}\n";
  static final String PREDS = "{\"id\":\"a\",\"output\":\"the cat sat\"}\n"
      + "{\"id\":\"b\",\"output\":\"dog barked loudly\"}\n"
      + "{\"id\":\"c\",\"output\":\"red\"}\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("refs.jsonl", REFS);
    cli.write("preds.jsonl", PREDS);
  }

  private CliHarness.Result score(String... extra) {
    String[] base = {"score", "text", "--predictions", "preds.jsonl", "--references", "refs.jsonl"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  @Test
  void squadMetricsTakeTheBestReference() throws Exception {
    CliHarness.Result r = score("--metrics", "exact_match,f1", "--per-example", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.fieldNames()).toIterable().containsExactly("metrics", "n", "per_example");
    assertThat(j.path("n").asInt()).isEqualTo(3);
    // a: "cat sat" both sides after normalisation. b: against "dog barked" P = 2/3, R = 1, F1 = 0.8
    // (better than "dog": F1 = 0.5). c: nothing shared.
    assertThat(j.path("metrics").path("exact_match").asDouble()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(j.path("metrics").path("f1").asDouble()).isCloseTo((1 + 0.8 + 0) / 3, within(1e-12));
    JsonNode per = j.path("per_example");
    assertThat(per.fieldNames()).toIterable().containsExactly("a", "b", "c");
    assertThat(per.path("b").path("f1").asDouble()).isCloseTo(0.8, within(1e-12));
    assertThat(per.path("b").path("exact_match").asDouble()).isZero();
    assertThat(per.path("a").path("exact_match").asDouble()).isEqualTo(1);
  }

  @Test
  void corpusBleuIsTheCorpusValueAndSentenceValuesArePerExample() throws Exception {
    cli.write("refs.jsonl", "{\"id\":\"1\",\"reference\":\"a b c d\"}\n{\"id\":\"2\",\"reference\":\"a b c d\"}\n");
    cli.write("preds.jsonl", "{\"id\":\"2\",\"output\":\"a b c e\"}\n{\"id\":\"1\",\"output\":\"a b c d\"}\n");
    CliHarness.Result r = score("--metrics", "bleu", "--per-example", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    // Corpus n-gram precisions 7/8, 5/6, 3/4, 1/2; equal lengths, so no brevity penalty.
    assertThat(j.path("metrics").path("bleu").asDouble())
        .isCloseTo(100 * Math.pow(7.0 / 8 * 5 / 6 * 3 / 4 * 1 / 2, 0.25), within(1e-9));
    // Sentence of "2": 3/4, 2/3, 1/2 and a 4-gram miss smoothed by 'exp' to 1/(2·1).
    assertThat(j.path("per_example").path("2").path("bleu").asDouble())
        .isCloseTo(100 * Math.pow(3.0 / 4 * 2 / 3 * 1 / 2 * 1 / 2, 0.25), within(1e-9));
    assertThat(j.path("per_example").path("1").path("bleu").asDouble()).isCloseTo(100, within(1e-9));
    assertThat(j.path("per_example").path("1").fieldNames()).toIterable().containsExactly("bleu");
    assertThat(j.path("per_example").fieldNames()).toIterable().as("predictions order").containsExactly("2", "1");
  }

  @Test
  void textFormatListsMetricsAndATable() {
    CliHarness.Result r = score("--metrics", "exact_match", "--per-example");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("n            3\nexact_match  0.3333\n\nid\texact_match\na\t1.0000\nb\t0.0000\nc\t0.0000\n");
    // The example in docs/cli.md.
    CliHarness.Result doc = score("--metrics", "exact_match,f1", "--per-example");
    assertThat(doc.out()).isEqualTo("n            3\nexact_match  0.3333\nf1           0.6000\n\n"
        + "id\texact_match\tf1\na\t1.0000\t1.0000\nb\t0.0000\t0.8000\nc\t0.0000\t0.0000\n");
  }

  @Test
  void unmatchedIdsAreErrorsUnlessPartialIsAllowed() throws Exception {
    cli.write("preds.jsonl", PREDS + "{\"id\":\"d\",\"output\":\"x\"}\n{\"id\":\"e\",\"output\":\"y\"}\n");
    assertInputError(score("--metrics", "f1"), "preds.jsonl:4: field 'id': no reference for id 'd' in refs.jsonl",
        "2 predictions without a reference: 'd', 'e'");
    cli.write("preds.jsonl", "{\"id\":\"a\",\"output\":\"the cat sat\"}\n");
    assertInputError(score("--metrics", "f1"), "refs.jsonl:2: field 'id': no prediction for id 'b'",
        "2 references without a prediction: 'b', 'c'");

    CliHarness.Result partial = score("--metrics", "f1", "--allow-partial", "--format", "json");
    assertThat(partial.code()).as(partial.toString()).isZero();
    assertThat(Json.MAPPER.readTree(partial.out()).path("n").asInt()).isEqualTo(1);
    assertThat(partial.err()).startsWith("warning: scored the 1 ids in both files")
        .contains("2 references without a prediction ('b', 'c')");

    cli.write("preds.jsonl", "{\"id\":\"zz\",\"output\":\"x\"}\n");
    assertInputError(score("--metrics", "f1", "--allow-partial"), "preds.jsonl: field 'id': no id is in both", "");
  }

  @Test
  void rougeMeasureParameterSelectsPrecisionRecallOrF() throws Exception {
    cli.write("preds.jsonl", PREDS.replace("dog barked loudly", "dogs barked"));
    CliHarness.Result r = score("--metrics", "rouge1:measure=precision,rouge1:measure=recall:stemmer=true,"
        + "rouge1:measure=recall,rouge1", "--per-example", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode b = Json.MAPPER.readTree(r.out()).path("per_example").path("b");
    // b: "dogs barked" against "the dog barked" (the better reference): "barked" is shared, and
    // "dogs" too once stemmed.
    assertThat(b.path("rouge1:measure=precision").asDouble()).isCloseTo(1 / 2.0, within(1e-12));
    assertThat(b.path("rouge1:measure=recall").asDouble()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(b.path("rouge1:measure=recall:stemmer=true").asDouble()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(b.path("rouge1").asDouble()).isCloseTo(0.4, within(1e-12));
    assertInputError(score("--metrics", "rougeL:measure=f"), "error: ",
        "parameter 'measure' of metric 'rougeL' is 'f' (one of fmeasure, precision, recall)");
  }

  @Test
  void badLinesAreOneErrorNamingFileAndLine() throws Exception {
    cli.write("preds.jsonl", "{\"id\":\"a\",\"output\":\"x\"}\nnot json\n");
    assertInputError(score("--metrics", "f1"), "preds.jsonl:2: ", "JSON");
    cli.write("preds.jsonl", PREDS);
    cli.write("refs.jsonl", REFS.replace("\"blue\"", "null"));
    assertInputError(score("--metrics", "bleu"), "refs.jsonl:3: field 'reference': ", "example 'c' has no reference");
    cli.write("refs.jsonl", REFS.replace("{\"id\":\"b\",", "{"));
    assertInputError(score("--metrics", "f1"), "refs.jsonl:2: field 'id': missing", "");
  }

  @Test
  void aMetricThatDoesNotApplyIsAnInputError() {
    assertInputError(score("--metrics", "f1,ndcg_cut_10"),
        "error: metric 'ndcg_cut_10' is a retrieval measure, not a text metric", "use assay score retrieval");
    assertInputError(score("--metrics", "roc_auc"), "error: metric 'roc_auc' is a classification metric", "");
    assertInputError(score("--metrics", "blue"), "error: unknown metric 'blue'", "did you mean 'bleu'");
    assertInputError(score("--metrics", "bleu:tokenize=nope"), "error: ", "tokenize");
    CliHarness.Result none = score();
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--metrics");
  }
}
