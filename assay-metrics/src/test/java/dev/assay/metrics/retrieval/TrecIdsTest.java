package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ids a TREC file cannot carry are refused wherever they enter: suite references and outputs,
 * example (topic) ids, the public builders, and the run writer, which writes no forged row.
 */
class TrecIdsTest {
  private static final String FORGED = "d2\nq999 Q0 INJECTED 1 99.0 evil";

  @Test
  void aTrecIdHasNoWhitespaceNoControlCharacterAndATopicNoLeadingHash() {
    assertThat(TrecIds.docidProblem("msmarco_v2.1_doc_00_880019750#4_1633802806")).isNull();
    assertThat(TrecIds.docidProblem("café-Ω_𝔘")).isNull();
    assertThat(TrecIds.docidProblem(FORGED)).isEqualTo("contains a line feed");
    assertThat(TrecIds.docidProblem("d 2")).isEqualTo("contains a space");
    assertThat(TrecIds.docidProblem("d\t2")).isEqualTo("contains a tab");
    assertThat(TrecIds.docidProblem("d\r2")).isEqualTo("contains a carriage return");
    for (char c : new char[] {'\u000b', '\f', '\u0000', '\u001f', '\u0085', '\u00a0', '\u2028', '\u2029',
        '\u3000', '\u202f', '\u007f'}) {
      assertThat(TrecIds.docidProblem("d" + c + "2")).as("U+%04X", (int) c).startsWith("contains the character U+");
    }
    assertThat(TrecIds.docidProblem("")).isEqualTo("is empty");
    assertThat(TrecIds.topicProblem("#1")).startsWith("starts with '#'");
    assertThat(TrecIds.docidProblem("#1")).as("a document id may start with #").isNull();
  }

  @Test
  void messagesShowTheIdEscapedAndCut() {
    assertThat(TrecIds.quoted(FORGED)).isEqualTo("'d2\\nq999 Q0 INJECTED 1 99.0 evil'");
    assertThat(TrecIds.quoted("a\\b\tc\r\u0000\u2028\u200b")).isEqualTo("'a\\\\b\\tc\\r\\u0000\\u2028\\u200b'");
    assertThat(TrecIds.quoted("x".repeat(500))).startsWith("'" + "x".repeat(120) + "… (380 more characters)");
  }

  @Test
  void suiteReferencesOutputsAndTopicIdsAreChecked() throws Exception {
    Example ok = example("q1", "{\"d1\": 1}");
    assertThatThrownBy(() -> ExampleJudgments.ranking(ok, output("[\"d1\", \"d2\\nq999 Q0 INJECTED 1 99.0 evil\"]")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render()).isEqualTo(
            "field 'output': document id 'd2\\nq999 Q0 INJECTED 1 99.0 evil' in the output of example 'q1'"
                + " contains a line feed (" + TrecIds.expected() + ")"));
    assertThatThrownBy(() -> ExampleJudgments.ranking(ok, output("[{\"docid\": \"a b\", \"score\": 1}]")))
        .isInstanceOf(InputException.class).hasMessageContaining("'a b'");
    assertThatThrownBy(() -> ExampleJudgments.ranking(ok, Output.text("d1 d2\u00a0x")))
        .isInstanceOf(InputException.class).hasMessageContaining("U+00A0");
    assertThatThrownBy(() -> ExampleJudgments.ranking(ok, output("[\"\"]")))
        .isInstanceOf(InputException.class).hasMessageContaining("'' in the output of example 'q1' is empty");
    assertThatThrownBy(() -> ExampleJudgments.judgments(example("q1", "{\"d1\\n\": 1}")))
        .isInstanceOf(InputException.class).hasMessageContaining("document id 'd1\\n' judged by example 'q1'");
    assertThatThrownBy(() -> ExampleJudgments.judgments(example("q 1", "{\"d1\": 1}")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .startsWith("field 'id': topic id 'q 1' contains a space"));
    assertThatThrownBy(() -> ExampleJudgments.judgments(example("#q1", "{\"d1\": 1}")))
        .isInstanceOf(InputException.class).hasMessageContaining("starts with '#'");
    // Through a suite scorer, as the engine calls it.
    assertThatThrownBy(() -> dev.assay.testkit.Scoring.scores(
        dev.assay.testkit.Scoring.create(new RetrievalScorers(), "map").orElseThrow(), ok, output("[\"" + "d2\\tx" + "\"]"))).isInstanceOf(InputException.class)
        .hasMessageContaining("'d2\\tx'");
  }

  @Test
  void publicBuildersRefuseWhatTheyCouldNotWrite() {
    assertThatThrownBy(() -> Qrels.builder().add("q1", FORGED, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("document id 'd2\\nq999 Q0 INJECTED 1 99.0 evil' contains a line feed");
    assertThatThrownBy(() -> Qrels.builder().add("q\n1", "d1", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Run.builder("r").add("q1", "d 1", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Run.builder("r").add("#q", "d1", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRunWriterWritesNoForgedRow() throws Exception {
    StringWriter out = new StringWriter();
    TrecRunWriter writer = new TrecRunWriter(out, "sys");
    writer.write("q1", Json.MAPPER.readTree("[\"d1\", \"d2\"]"));
    assertThatThrownBy(() -> writer.write("q2", Json.MAPPER.readTree("[\"d3\", \"d2\\nq999 Q0 INJECTED 1 99.0 evil\"]")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("example 'q2'").hasMessageContaining("'d2\\nq999 Q0 INJECTED 1 99.0 evil'");
    assertThatThrownBy(() -> writer.write("q3 Q0 FORGED 1 50 evil\nq3", Json.MAPPER.readTree("[\"d1\"]")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("topic id 'q3 Q0 FORGED 1 50 evil\\nq3' contains a space");
    assertThatThrownBy(() -> writer.write("#q4", Json.MAPPER.readTree("[\"d1\"]")))
        .isInstanceOf(InputException.class).hasMessageContaining("starts with '#'");
    assertThat(out.toString()).as("only q1's rows, nothing of the refused queries")
        .isEqualTo("q1 Q0 d1 1 2 sys\nq1 Q0 d2 2 1 sys\n".replace("\n", System.lineSeparator()));

    StringWriter tagged = new StringWriter();
    new TrecRunWriter(tagged, "bm25 \u00a0run\nx").write("q1", Json.MAPPER.readTree("[\"d1\"]"));
    assertThat(tagged.toString().strip()).isEqualTo("q1 Q0 d1 1 1 bm25_run_x");
  }

  private static Example example(String id, String judgments) throws Exception {
    return new Example(id, Json.MAPPER.getNodeFactory().textNode("query"), Json.MAPPER.readTree(judgments),
        Map.of(), null, 3);
  }

  private static Output output(String json) throws Exception {
    JsonNode v = Json.MAPPER.readTree(json);
    return new Output(v, null, null, null, null);
  }
}
