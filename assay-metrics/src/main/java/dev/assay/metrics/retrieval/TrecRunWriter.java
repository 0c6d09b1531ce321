package dev.assay.metrics.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Output;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes a system's ranked outputs as a TREC run ({@code qid Q0 docid rank score tag}).
 *
 * <p>Outputs are read exactly as the retrieval scorers read them (a list of docids, or of {@code
 * {docid, score}}), and written in trec_eval's order, so scoring the written file with {@code
 * assay score retrieval} gives the values the suite's scorers gave.
 *
 * <p>Outputs are untrusted: an id the format cannot carry ({@link TrecIds}), such as a document id
 * holding a newline and a whole forged line, is refused with an {@link InputException} naming the
 * example and the id before anything of that example is written. Invariant: every line written
 * is one row of six fields whose first is the example's id.
 */
public final class TrecRunWriter {
  private final Writer out;
  private final String tag;

  /**
   * @param tag the run tag of the sixth column; each run of characters a TREC id cannot hold
   *     becomes one {@code _}, and a blank tag is {@code assay}
   */
  public TrecRunWriter(Writer out, String tag) {
    this.out = out;
    this.tag = tag.isBlank() ? "assay" : TrecIds.replaceSeparators(tag, "_");
  }

  /**
   * Appends the lines of one query; a null output (a failed example) writes nothing.
   *
   * @throws InputException when the query id or a document id of the output cannot be a TREC id;
   *     nothing of this query is written then
   */
  public void write(String queryId, JsonNode output) throws IOException {
    if (output == null || output.isNull()) {
      return;
    }
    String problem = TrecIds.topicProblem(queryId);
    if (problem != null) {
      throw InputException.of("cannot write example " + TrecIds.quoted(queryId) + " as TREC run lines: its topic id "
          + TrecIds.quoted(queryId) + " " + problem, TrecIds.expected());
    }
    // Reading the output checks every document id (ExampleJudgments' guarantee) before any line.
    Ranking ranking = ExampleJudgments.ranking(Example.of(queryId, "", null), new Output(output, null, null, null, null));
    for (int i = 0; i < ranking.size(); i++) {
      out.write(queryId);
      out.write(" Q0 ");
      out.write(ranking.docid(i));
      out.write(String.format(Locale.ROOT, " %d %s %s%n", i + 1, shortest(ranking.score(i)), tag));
    }
  }

  private static String shortest(double score) {
    return score == Math.rint(score) && Math.abs(score) < 1e15 ? Long.toString((long) score) : Double.toString(score);
  }
}
