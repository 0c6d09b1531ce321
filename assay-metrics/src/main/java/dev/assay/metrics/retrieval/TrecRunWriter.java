package dev.assay.metrics.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
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
 */
public final class TrecRunWriter {
  private final Writer out;
  private final String tag;

  /** @param tag the run tag of the sixth column (no whitespace) */
  public TrecRunWriter(Writer out, String tag) {
    this.out = out;
    this.tag = tag.isBlank() ? "assay" : tag.replaceAll("\\s+", "_");
  }

  /** Appends the lines of one query; a null output (a failed example) writes nothing. */
  public void write(String queryId, JsonNode output) throws IOException {
    if (output == null || output.isNull()) {
      return;
    }
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
