package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parity with trec_eval's own regression outputs (shared data, trec_eval/test): every value it
 * printed must match to 5e-5 (its outputs are rounded to 4 decimals), every count and text exactly,
 * our report must list the same measures and topics in the same order, and its text must equal
 * trec_eval's.
 */
class TrecEvalParityTest {
  private static final double TOLERANCE = 5e-5;

  @Test
  void defaultMeasuresMatchOutTest() throws IOException {
    check("qrels.test", "results.test", "out.test", RetrievalOptions.defaults(), false);
  }

  @Test
  void allTrecMeasuresMatchOutTestA() throws IOException {
    check("qrels.test", "results.test", "out.test.a", allTrec(), false);
  }

  @Test
  void allTrecPerQueryMatchesOutTestAq() throws IOException {
    check("qrels.test", "results.test", "out.test.aq", allTrec(), true);
  }

  @Test
  void docidsWithHashSignsMatchOutCommentTest() throws IOException {
    check("qrels.comment.test", "results.comment.test", "out.comment.test", RetrievalOptions.defaults(), false);
  }

  private static RetrievalOptions allTrec() {
    return RetrievalOptions.defaults().withMeasures(List.of("all_trec"));
  }

  private static void check(String qrelsFile, String runFile, String outFile, RetrievalOptions options,
      boolean perQuery) throws IOException {
    List<Fixtures.Line> expected = Fixtures.expected(outFile);
    Qrels qrels = Qrels.read(Fixtures.file(qrelsFile));
    Run run = Run.read(Fixtures.file(runFile));
    RetrievalResult result = RetrievalEvaluation.evaluate(qrels, run, options);

    String report = TrecEvalFormat.format(result, perQuery);
    List<String> ours = new ArrayList<>();
    for (String l : report.split("\n")) {
      String[] f = l.split("\t");
      ours.add(f[0].trim() + " " + f[1]);
    }
    List<String> theirs = expected.stream().map(l -> l.measure() + " " + l.topic()).toList();
    assertThat(ours).as("measure/topic lines of %s", outFile).containsExactlyElementsOf(theirs);

    for (Fixtures.Line l : expected) {
      String what = outFile + ": " + l.measure() + " " + l.topic();
      if (l.measure().equals("runid")) {
        assertThat(result.runId()).as(what).isEqualTo(l.value());
      } else if (l.measure().equals("relstring")) {
        assertThat("'" + result.relString(l.topic()) + "'").as(what).isEqualTo(l.value());
      } else {
        double ours1 = l.topic().equals("all")
            ? result.aggregate().get(l.measure())
            : result.value(l.topic(), l.measure());
        assertThat(ours1).as(what).isCloseTo(Double.parseDouble(l.value()), within(TOLERANCE));
      }
    }
    // Stronger than the tolerance: our report is trec_eval's output, byte for byte.
    assertThat(report).as("text of " + outFile).isEqualTo(Files.readString(Fixtures.file(outFile)));
  }
}
