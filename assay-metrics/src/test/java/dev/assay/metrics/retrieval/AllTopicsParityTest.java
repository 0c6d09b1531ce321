package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * trec_eval -c parity on project-written judgments and a run that misses judged topics (test
 * resources {@code trec_eval_c/}, expected outputs printed by trec_eval 10.0; see the README there).
 * The report must be trec_eval's output byte for byte: per-topic lines for the missing topics
 * (trec_eval -q -c), their num_rel in the summary, with graded and binary judgments.
 */
class AllTopicsParityTest {
  @Test
  void gradedAllTrecPerQueryMatchesTrecEval() throws IOException {
    check("qrels.graded", "out.graded.aqc", RetrievalOptions.defaults().withMeasures(List.of("all_trec")));
  }

  @Test
  void gradedAtLevelTwoMatchesTrecEval() throws IOException {
    // trec_eval -c sums num_rel over the whole qrels counting every grade above 0, whatever -l says.
    check("qrels.graded", "out.graded.aqcl2",
        RetrievalOptions.defaults().withMeasures(List.of("all_trec")).withRelevanceLevel(2));
  }

  @Test
  void binaryOfficialPerQueryMatchesTrecEval() throws IOException {
    check("qrels.binary", "out.binary.qc", RetrievalOptions.defaults());
  }

  private static void check(String qrelsFile, String outFile, RetrievalOptions options) throws IOException {
    Qrels qrels;
    Run run;
    try (Reader q = resource(qrelsFile); Reader r = resource("run.partial")) {
      qrels = Qrels.parse(q, qrelsFile);
      run = Run.parse(r, "run.partial");
    }
    RetrievalResult result = RetrievalEvaluation.evaluate(qrels, run, options.withAllTopics(true));
    String expected;
    try (InputStream in = stream(outFile)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(TrecEvalFormat.format(result, true)).as(outFile).isEqualTo(expected);
  }

  private static Reader resource(String name) {
    return new InputStreamReader(stream(name), StandardCharsets.UTF_8);
  }

  private static InputStream stream(String name) {
    InputStream in = AllTopicsParityTest.class.getResourceAsStream("/trec_eval_c/" + name);
    assertThat(in).as("test resource trec_eval_c/" + name).isNotNull();
    return in;
  }
}
