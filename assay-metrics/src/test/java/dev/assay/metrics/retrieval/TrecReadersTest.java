package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecReadersTest {
  private static Qrels qrels(String text) {
    return Qrels.parse(new StringReader(text), "q.txt");
  }

  private static Run run(String text) {
    return Run.parse(new StringReader(text), "r.txt");
  }

  @Test
  void commentsAndBlankLinesAreSkippedButHashInsideADocidIsKept() {
    Qrels q = qrels("# judged by NIST\n\n1 0 doc#4_1 2\n  # indented comment\n1 0 d2 0\n2 0 d3 -1\n");
    assertThat(q.topics()).containsExactly("1", "2");
    assertThat(q.topic("1").grade("doc#4_1")).isEqualTo(2);
    assertThat(q.topic("1").grade("d2")).isZero();
    assertThat(q.topic("2").grade("d3")).isEqualTo(-1);
    assertThat(q.topic("1").grade("missing")).isEqualTo(TopicJudgments.NOT_IN_POOL);
    assertThat(q.topic("2").countAtLeast(1)).as("negative grade is neither relevant").isZero();
    assertThat(q.topic("2").countJudgedBelow(1)).as("nor judged non-relevant").isZero();
  }

  @Test
  void runIgnoresRankColumnAndSortsByScoreThenDocidDescending() {
    Run r = run("7 Q0 a 1 1.0 tagA\n7 Q0 c 2 2.0 tagA\n7 Q0 b 3 1.0 tagA\n7 Q0 d 4 1.0 tagB extra fields\n");
    Ranking k = r.topic("7");
    assertThat(new String[] {k.docid(0), k.docid(1), k.docid(2), k.docid(3)}).containsExactly("c", "d", "b", "a");
    assertThat(r.runId()).as("tag of the last line").isEqualTo("tagB");
  }

  @Test
  void tieBreakUsesByteOrderNotUtf16Order() {
    // U+FF5E sorts below U+1F600 in UTF-8 byte order, above it in UTF-16 unit order.
    String low = "\uFF5E";
    String high = new String(Character.toChars(0x1F600));
    Run r = run("1 Q0 " + low + " 1 5 t\n1 Q0 " + high + " 2 5 t\n");
    assertThat(r.topic("1").docid(0)).as("descending byte order puts the supplementary character first").isEqualTo(high);
  }

  @Test
  void zeroAndNegativeZeroTieAsInC() {
    Run r = run("1 Q0 a 1 -0.0 t\n1 Q0 b 2 0.0 t\n");
    assertThat(r.topic("1").docid(0)).isEqualTo("b");
    Run r2 = run("1 Q0 b 1 -0.0 t\n1 Q0 a 2 0.0 t\n");
    assertThat(r2.topic("1").docid(0)).isEqualTo("b");
  }

  @Test
  void badQrelsLinesNameFileLineAndField() {
    assertThatThrownBy(() -> qrels("1 0 d1 1\n1 0 d2\n"))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.file()).isEqualTo("q.txt");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.render()).contains("3 fields").contains("qid iter docid rel");
        });
    assertThatThrownBy(() -> qrels("1 0 d1 1 extra\n"))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.line()).isEqualTo(1));
    assertThatThrownBy(() -> qrels("1 0 d1 yes\n"))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.field()).isEqualTo("rel");
          assertThat(e.render()).isEqualTo("q.txt:1: field 'rel': relevance 'yes' is not an integer "
              + "(an integer grade, negative for unjudged)");
        });
    assertThatThrownBy(() -> qrels("1 0 d1 1\n# c\n1 0 d1 0\n"))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.field()).isEqualTo("docid");
          assertThat(e.getMessage()).contains("judged twice");
        });
  }

  @Test
  void badRunLinesNameFileLineAndField() {
    assertThatThrownBy(() -> run("1 Q0 d1 1 2.0\n"))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.render()).contains("5 fields").contains("qid Q0 docid rank score tag");
        });
    for (String score : new String[] {"high", "NaN", "1.5f", "0x"}) {
      assertThatThrownBy(() -> run("1 Q0 d1 1 " + score + " t\n"))
          .as(score)
          .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.field()).isEqualTo("score"));
    }
    assertThatThrownBy(() -> run("1 Q0 d1 1 2 t\n2 Q0 d1 1 2 t\n1 Q0 d1 2 1 t\n"))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).contains("retrieved twice");
        });
  }

  @Test
  void filesAreReadStrictlyAsUtf8(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.qrels");
    Files.write(bad, new byte[] {'1', ' ', '0', ' ', 'd', ' ', '1', '\n', '1', ' ', '0', ' ', (byte) 0xff, ' ', '1', '\n'});
    assertThatThrownBy(() -> Qrels.read(bad))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render()).contains("invalid UTF-8"));
    assertThatThrownBy(() -> Run.read(dir.resolve("absent.run")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render()).contains("file not found"));
    Path ok = dir.resolve("ok.run");
    Files.writeString(ok, "q1\tQ0\td\u00e9j\u00e0\t1\t3.5\trun1", StandardCharsets.UTF_8);
    assertThat(Run.read(ok).topic("q1").docid(0)).as("last line without newline").isEqualTo("d\u00e9j\u00e0");
  }
}
