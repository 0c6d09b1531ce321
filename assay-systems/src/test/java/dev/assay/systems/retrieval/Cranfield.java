package dev.assay.systems.retrieval;

import dev.assay.metrics.retrieval.Qrels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cranfield collection as shipped in {@code shared/data/cranfield/original} (read in place,
 * never copied).
 *
 * <p>Per SOURCE.txt there: cran.qry's {@code .I} numbers have gaps but cranqrel numbers queries
 * 1..225 in file order, so the i-th query is topic {@code i}; grades 1..4 are relevant and -1 is
 * not, and the direction of 1..4 is disputed, so judgments are read as binary (grade >= 1 is 1).
 * Each document's {@code .W} text already repeats its title, so the text alone is indexed.
 */
record Cranfield(Corpus corpus, Map<String, String> queries, Qrels qrels) {
  static Cranfield load(Path dir) throws IOException {
    Path orig = dir.resolve("original");
    List<CorpusDocument> docs = new ArrayList<>();
    for (Map.Entry<String, String> e : fields(orig.resolve("cran.all.1400"), ".W").entrySet()) {
      docs.add(new CorpusDocument(e.getKey(), "", e.getValue()));
    }
    Map<String, String> queries = new LinkedHashMap<>();
    int topic = 0;
    for (String text : fields(orig.resolve("cran.qry"), ".W").values()) {
      queries.put(Integer.toString(++topic), text);
    }
    Qrels.Builder qrels = Qrels.builder();
    for (String line : Files.readAllLines(orig.resolve("cranqrel"), StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3) {
        qrels.add(f[0], f[1], Integer.parseInt(f[2]) >= 1 ? 1 : 0);
      }
    }
    return new Cranfield(new Corpus(docs), queries, qrels.build());
  }

  /** For each {@code .I} record, in file order, the text of its {@code field} section (lines joined by spaces). */
  private static Map<String, String> fields(Path file, String field) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String id = null;
    StringBuilder text = null;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.startsWith(".I")) {
        if (id != null) {
          out.put(id, text == null ? "" : text.toString().strip());
        }
        id = Integer.toString(Integer.parseInt(line.substring(2).trim()));
        text = null;
      } else if (line.length() == 2 && line.charAt(0) == '.' && Character.isUpperCase(line.charAt(1))) {
        text = line.equals(field) ? new StringBuilder() : null;
      } else if (text != null) {
        text.append(line).append(' ');
      }
    }
    if (id != null) {
      out.put(id, text == null ? "" : text.toString().strip());
    }
    return out;
  }
}
