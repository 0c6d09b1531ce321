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

/** {@code assay score classification}: hand-worked values, per-example output, errors. */
class ScoreClassificationCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  // Binary task, positive class "pos" (the greater label). Two right, two wrong.
  static final String PREDS = "{\"id\":\"1\",\"label\":\"pos\",\"predicted\":\"pos\",\"score\":0.9}\n"
      + "{\"id\":\"2\",\"label\":\"neg\",\"predicted\":\"pos\",\"score\":0.6}\n"
      + "{\"id\":\"3\",\"label\":\"neg\",\"predicted\":\"neg\",\"score\":0.2}\n"
      + "{\"id\":\"4\",\"label\":\"pos\",\"predicted\":\"neg\",\"score\":0.4}\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("preds.jsonl", PREDS);
  }

  private CliHarness.Result score(String... extra) {
    String[] base = {"score", "classification", "--predictions", "preds.jsonl"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  @Test
  void handWorkedValues() throws Exception {
    CliHarness.Result r = score("--metrics", "accuracy,f1_macro,roc_auc,log_loss,brier", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.fieldNames()).toIterable().containsExactly("metrics", "n");
    assertThat(j.path("n").asInt()).isEqualTo(4);
    JsonNode m = j.path("metrics");
    assertThat(m.fieldNames()).toIterable().containsExactly("accuracy", "f1_macro", "roc_auc", "log_loss", "brier");
    assertThat(m.path("accuracy").asDouble()).isEqualTo(0.5);
    // Each class: one hit, one miss as truth, one false alarm: P = R = F1 = 1/2.
    assertThat(m.path("f1_macro").asDouble()).isCloseTo(0.5, within(1e-12));
    // Positive scores {0.9, 0.4} against negative {0.6, 0.2}: 3 of 4 pairs ordered right.
    assertThat(m.path("roc_auc").asDouble()).isCloseTo(0.75, within(1e-12));
    // Probability of the true class: 0.9, 0.4, 0.8, 0.4.
    assertThat(m.path("log_loss").asDouble())
        .isCloseTo(-(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.4)) / 4, within(1e-12));
    // scikit-learn's binary Brier score: mean of (score - [label is pos])².
    assertThat(m.path("brier").asDouble()).isCloseTo((0.01 + 0.36 + 0.04 + 0.36) / 4, within(1e-12));
  }

  @Test
  void perExampleHoldsTheMetricsThatAreMeans() throws Exception {
    CliHarness.Result r = score("--metrics", "accuracy,f1_macro", "--per-example", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode per = Json.MAPPER.readTree(r.out()).path("per_example");
    assertThat(per.fieldNames()).toIterable().containsExactly("1", "2", "3", "4");
    assertThat(per.path("1").path("accuracy").asDouble()).isEqualTo(1);
    assertThat(per.path("2").path("accuracy").asDouble()).isZero();
    assertThat(per.path("2").has("f1_macro")).as("a corpus metric has no per-example value").isFalse();

    CliHarness.Result text = score("--metrics", "accuracy", "--per-example");
    assertThat(text.out()).isEqualTo("n         4\naccuracy  0.5000\n\nid\taccuracy\n1\t1.0000\n2\t0.0000\n3\t1.0000\n4\t0.0000\n");
  }

  @Test
  void undefinedValuesAreNull() throws Exception {
    cli.write("preds.jsonl", "{\"id\":\"1\",\"label\":\"a\",\"predicted\":\"a\",\"scores\":{\"a\":0.7,\"b\":0.3}}\n"
        + "{\"id\":\"2\",\"label\":\"a\",\"predicted\":\"b\",\"scores\":{\"a\":0.4,\"b\":0.6}}\n");
    CliHarness.Result r = score("--metrics", "roc_auc", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.MAPPER.readTree(r.out()).path("metrics").get("roc_auc").isNull())
        .as("ROC AUC with one true class is undefined, as in scikit-learn: " + r).isTrue();
  }

  @Test
  void aMetricThatDoesNotApplyIsAnInputError() throws Exception {
    cli.write("preds.jsonl", "{\"id\":\"1\",\"label\":\"pos\",\"predicted\":\"pos\"}\n"
        + "{\"id\":\"2\",\"label\":\"neg\",\"predicted\":\"pos\"}\n");
    assertInputError(score("--metrics", "accuracy,roc_auc"), "preds.jsonl:1: field 'scores': ",
        "metric 'roc_auc' needs probabilities but example '1' has none");
    assertInputError(score("--metrics", "bleu"), "error: metric 'bleu' is a text metric, not a classification metric",
        "use assay score text");
    assertInputError(score("--metrics", "f1_macor"), "error: unknown metric 'f1_macor'", "did you mean 'f1_macro'");
  }

  @Test
  void badLinesAreOneErrorNamingFileAndLine() throws Exception {
    cli.write("preds.jsonl", PREDS + "{\"id\":\"5\",\"predicted\":\"pos\"}\n");
    assertInputError(score("--metrics", "accuracy"), "preds.jsonl:5: field 'label': missing", "");
    cli.write("preds.jsonl", PREDS.replace("0.9", "1.9"));
    assertInputError(score("--metrics", "accuracy"), "preds.jsonl:1: field 'score': ", "out of range");
    cli.write("preds.jsonl", "{\"id\":\"1\",\"label\":\"pos\",\"predicted\":\"pos\"}\n{oops\n");
    assertInputError(score("--metrics", "accuracy"), "preds.jsonl:2: ", "invalid JSON");
  }
}
