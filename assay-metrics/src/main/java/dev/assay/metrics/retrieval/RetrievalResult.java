package dev.assay.metrics.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-query and aggregate values of an evaluation, by canonical measure name.
 *
 * <p>Invariants: {@link #topics()} are the topics in both qrels and run, in trec_eval order;
 * {@link #missingTopics()} are the judged topics without a ranking; {@link #reportedTopics()} are
 * the topics with per-query values, which the aggregate is over: {@link #topics()}, or with {@code
 * allTopics} (trec_eval -c) every judged topic in trec_eval order, the missing ones with the values
 * trec_eval gives them (see {@link AllTopics}). Per-query values exist for the measures trec_eval
 * reports per query ({@link Measure#perTopic()}); gm_map and gm_bpref, num_q and runid are
 * aggregate only; relstring is per query only and textual. Immutable.
 */
public final class RetrievalResult {
  private final List<Measure> measures;
  private final List<String> topics;
  private final List<String> missingTopics;
  private final List<String> reportedTopics;
  private final Map<String, Integer> measureIndex;
  private final Map<String, Integer> topicIndex;
  private final double[][] values;
  private final String[] relStrings;
  private final Map<String, Double> aggregate;
  private final String runId;

  /** {@code values} and {@code relStrings} are indexed like {@code reportedTopics}. */
  RetrievalResult(List<Measure> measures, List<String> topics, List<String> missingTopics,
      List<String> reportedTopics, double[][] values, String[] relStrings, Map<String, Double> aggregate,
      String runId) {
    this.measures = List.copyOf(measures);
    this.topics = List.copyOf(topics);
    this.missingTopics = List.copyOf(missingTopics);
    this.reportedTopics = List.copyOf(reportedTopics);
    this.values = values;
    this.relStrings = relStrings;
    this.aggregate = Collections.unmodifiableMap(new LinkedHashMap<>(aggregate));
    this.runId = runId;
    this.measureIndex = new LinkedHashMap<>();
    for (int i = 0; i < measures.size(); i++) {
      measureIndex.put(measures.get(i).name(), i);
    }
    this.topicIndex = new LinkedHashMap<>();
    for (int i = 0; i < reportedTopics.size(); i++) {
      topicIndex.put(reportedTopics.get(i), i);
    }
  }

  /** The measures evaluated, in report order. */
  public List<Measure> measures() {
    return measures;
  }

  /** The topics with both judgments and a ranking, in trec_eval order. */
  public List<String> topics() {
    return topics;
  }

  /** The judged topics without a ranking, in trec_eval order. */
  public List<String> missingTopics() {
    return missingTopics;
  }

  /**
   * The topics with per-query values, in trec_eval order: {@link #topics()}, or every judged topic
   * when the evaluation was asked for all topics (trec_eval -c).
   */
  public List<String> reportedTopics() {
    return reportedTopics;
  }

  /** The run's tag. */
  public String runId() {
    return runId;
  }

  /** Aggregate ("all") value of every numeric measure, including num_q; no runid or relstring. */
  public Map<String, Double> aggregate() {
    return aggregate;
  }

  /**
   * The value of {@code measure} for {@code topic}.
   *
   * @throws IllegalArgumentException when the topic is not in {@link #reportedTopics()} or the
   *     measure has no numeric per-query value
   */
  public double value(String topic, String measure) {
    Integer t = topicIndex.get(topic);
    Integer m = measureIndex.get(measure);
    if (t == null || m == null || !hasPerQueryValue(measures.get(m))) {
      throw new IllegalArgumentException("no per-query value of '" + measure + "' for topic '" + topic + "'");
    }
    return values[t][m];
  }

  /** relstring of {@code topic}, or null when relstring was not requested. */
  public String relString(String topic) {
    Integer t = topicIndex.get(topic);
    return relStrings == null || t == null ? null : relStrings[t];
  }

  /** topic -> (measure -> value) for the numeric per-query measures, over {@link #reportedTopics()}. */
  public Map<String, Map<String, Double>> perQuery() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (int t = 0; t < reportedTopics.size(); t++) {
      Map<String, Double> row = new LinkedHashMap<>();
      for (int m = 0; m < measures.size(); m++) {
        if (hasPerQueryValue(measures.get(m))) {
          row.put(measures.get(m).name(), values[t][m]);
        }
      }
      out.put(reportedTopics.get(t), Collections.unmodifiableMap(row));
    }
    return Collections.unmodifiableMap(out);
  }

  static boolean hasPerQueryValue(Measure m) {
    return m.kind() == Measure.Kind.VALUE && m.perTopic();
  }
}
