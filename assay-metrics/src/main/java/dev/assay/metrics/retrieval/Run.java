package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.Plural;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * A TREC run: lines {@code qid Q0 docid rank score tag}, read as trec_eval reads them.
 *
 * <p>The second and fourth fields are ignored (ranks come from sorting, see {@link Ranking});
 * fields after the tag are ignored; the run id is the tag of the last content line. A line needs
 * at least six fields and a finite or infinite (not NaN) decimal score. A document retrieved twice
 * for one topic is an error (trec_eval stops with "duplicate docs"), reported at the second line.
 * Topics are kept in trec_eval's order. Immutable.
 */
public final class Run {
  private static final String LAYOUT = "qid Q0 docid rank score tag";

  private final TreeMap<String, Ranking> topics;
  private final String runId;

  private Run(TreeMap<String, Ranking> topics, String runId) {
    this.topics = topics;
    this.runId = runId;
  }

  /** Reads a run file; bad lines are an {@link InputException} naming file, line and field. */
  public static Run read(Path file) {
    Parser p = new Parser(file.toString());
    TrecLines.read(file, 6, p);
    return p.builder.build();
  }

  /** Reads run text from {@code reader}; {@code fileName} is used in messages. */
  public static Run parse(Reader reader, String fileName) {
    Parser p = new Parser(fileName);
    TrecLines.read(reader, fileName, 6, p);
    return p.builder.build();
  }

  public static Builder builder(String runId) {
    return new Builder(runId);
  }

  /** The tag of the last line of the file (empty for an empty run). */
  public String runId() {
    return runId;
  }

  /** Topic ids in trec_eval order. */
  public NavigableSet<String> topics() {
    return Collections.unmodifiableNavigableSet(topics.navigableKeySet());
  }

  /** The ranking of {@code topic}, or null when the run has none. */
  public Ranking topic(String topic) {
    return topics.get(topic);
  }

  public int size() {
    return topics.size();
  }

  /** Builds a run in code. */
  public static final class Builder {
    private final Map<String, Ranking.Builder> topics = new HashMap<>();
    private String runId;

    private Builder(String runId) {
      this.runId = runId == null ? "" : runId;
    }

    public Builder runId(String id) {
      this.runId = id;
      return this;
    }

    /**
     * Adds one retrieved document; false when it is already retrieved for the topic (ignored).
     *
     * @throws IllegalArgumentException when an id could not be written to a run file (whitespace,
     *     a control character, a topic id starting with '#')
     */
    public boolean add(String topic, String docid, double score) {
      TrecIds.requireTopic(topic);
      TrecIds.requireDocid(docid);
      return topics.computeIfAbsent(topic, t -> new Ranking.Builder()).add(docid, score);
    }

    public Run build() {
      TreeMap<String, Ranking> built = new TreeMap<>(DocIds::compare);
      topics.forEach((t, b) -> built.put(t, b.build()));
      return new Run(built, runId);
    }
  }

  private static final class Parser implements TrecLines.Handler {
    private final String file;
    private final Builder builder = new Builder("");
    // Topic ids and tags repeat from line to line: decoded once per change. Document ids are
    // mostly distinct per file, and a per-file table of them cost twice the parse time in cache
    // misses (profiled).
    private final RepeatedField topicIds = new RepeatedField();
    private final RepeatedField tags = new RepeatedField();
    private String topic;
    private Ranking.Builder ranking;
    private int largest = 16;

    Parser(String file) {
      this.file = file;
    }

    @Override
    public void line(int number, TrecLines.Fields f) {
      if (f.count() < 6) {
        throw new InputException(file, number, null,
            "run line has " + Plural.of(f.count(), "field"), "6 fields: " + LAYOUT);
      }
      double score = f.plainDecimal(4);
      if (Double.isNaN(score)) {
        score = parseScore(f.string(4), number);
      }
      String t = f.repeated(0, topicIds);
      if (t != topic) {
        // Runs list a topic's documents together: look the ranking up once per run of lines,
        // and size a new one like the largest so far (rankings are usually equally deep).
        largest = Math.max(largest, ranking == null ? 0 : ranking.size());
        topic = t;
        ranking = builder.topics.computeIfAbsent(t, k -> new Ranking.Builder(largest));
      }
      String docid = f.string(2);
      if (!ranking.add(docid, score)) {
        throw new InputException(file, number, "docid",
            "document '" + Excerpt.cut(docid, 80) + "' is retrieved twice for topic '" + Excerpt.cut(t, 80) + "'",
            "each document once per topic");
      }
      builder.runId = f.repeated(5, tags);
    }

    private double parseScore(String text, int number) {
      char last = text.charAt(text.length() - 1);
      // Double.parseDouble also takes Java literal suffixes and "NaN"; trec_eval's atof does not.
      boolean suffix = last == 'd' || last == 'D' || last == 'f' || last == 'F';
      try {
        double v = Double.parseDouble(text);
        if (!Double.isNaN(v) && !suffix) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new InputException(file, number, "score", "score '" + Excerpt.of(text) + "' is not a number",
          "a decimal number such as 12.5 or 1e-3");
    }
  }
}
