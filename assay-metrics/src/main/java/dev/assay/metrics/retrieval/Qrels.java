package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.Plural;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * TREC relevance judgments: lines {@code qid iter docid rel}, read as trec_eval reads them.
 *
 * <p>The iteration field is ignored. Grades are integers; a negative grade marks a pooled but
 * unjudged document. Exactly four fields per line, as trec_eval requires. A document judged twice
 * for the same topic is an error (trec_eval stops with "duplicate docs"), reported here at the
 * second line. Topics are kept in trec_eval's order (byte order of their ids). Immutable.
 */
public final class Qrels {
  private static final String LAYOUT = "qid iter docid rel";

  private final TreeMap<String, TopicJudgments> topics;

  private Qrels(TreeMap<String, TopicJudgments> topics) {
    this.topics = topics;
  }

  /** Reads a qrels file; bad lines are an {@link InputException} naming file, line and field. */
  public static Qrels read(Path file) {
    return read(file, file.toString());
  }

  /** Reads a qrels file, naming it {@code name} in messages (a suite names files relative to itself). */
  public static Qrels read(Path file, String name) {
    Parser p = new Parser(name);
    TrecLines.read(file, name, 5, p);
    return p.builder.build();
  }

  /** Reads qrels text from {@code reader}; {@code fileName} is used in messages. */
  public static Qrels parse(Reader reader, String fileName) {
    Parser p = new Parser(fileName);
    TrecLines.read(reader, fileName, 5, p);
    return p.builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Topic ids in trec_eval order. */
  public NavigableSet<String> topics() {
    return Collections.unmodifiableNavigableSet(topics.navigableKeySet());
  }

  /** The judgments of {@code topic}, or null when the topic has none. */
  public TopicJudgments topic(String topic) {
    return topics.get(topic);
  }

  public int size() {
    return topics.size();
  }

  /** Builds qrels in code. */
  public static final class Builder {
    private final Map<String, TopicJudgments.Builder> topics = new TreeMap<>(DocIds::compare);

    /**
     * Adds one judgment.
     *
     * @return false when {@code docid} is already judged for {@code topic} (the judgment is ignored)
     * @throws IllegalArgumentException when an id could not be written to a qrels file (whitespace,
     *     a control character, a topic id starting with '#')
     */
    public boolean add(String topic, String docid, int grade) {
      TrecIds.requireTopic(topic);
      TrecIds.requireDocid(docid);
      return topics.computeIfAbsent(topic, t -> new TopicJudgments.Builder()).add(docid, grade);
    }

    public Qrels build() {
      TreeMap<String, TopicJudgments> built = new TreeMap<>(DocIds::compare);
      topics.forEach((t, b) -> built.put(t, b.build()));
      return new Qrels(built);
    }
  }

  private static final class Parser implements TrecLines.Handler {
    private final String file;
    private final Builder builder = new Builder();
    // Topic ids and tags repeat from line to line: decoded once per change. Document ids are
    // mostly distinct per file, and a per-file table of them cost twice the parse time in cache
    // misses (profiled).
    private final RepeatedField topicIds = new RepeatedField();
    private String topic;
    private TopicJudgments.Builder judgments;

    Parser(String file) {
      this.file = file;
    }

    @Override
    public void line(int number, TrecLines.Fields f) {
      if (f.count() != 4) {
        throw new InputException(file, number, null,
            "qrels line has " + Plural.of(f.count(), "field"), "4 fields: " + LAYOUT);
      }
      long plain = f.plainInt(3);
      int grade;
      if (plain != Long.MIN_VALUE) {
        grade = (int) plain;
      } else {
        String text = f.string(3);
        try {
          grade = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new InputException(file, number, "rel", "relevance '" + Excerpt.of(text) + "' is not an integer",
              "an integer grade, negative for unjudged");
        }
      }
      String t = f.repeated(0, topicIds);
      if (t != topic) {
        topic = t;
        judgments = builder.topics.computeIfAbsent(t, k -> new TopicJudgments.Builder());
      }
      String docid = f.string(2);
      if (!judgments.add(docid, grade)) {
        throw new InputException(file, number, "docid",
            "document '" + Excerpt.cut(docid, 80) + "' is judged twice for topic '" + Excerpt.cut(t, 80) + "'",
            "one judgment per topic and document");
      }
    }
  }
}
