package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a TREC run against qrels as trec_eval does.
 *
 * <p>Topics evaluated are those with both judgments and a ranking, in trec_eval's order; with
 * {@code allTopics} (trec_eval -c) every judged topic, one without a ranking evaluated as {@link
 * AllTopics} describes (0 for every measure but num_rel) and reported per query like the others.
 * Each ranking is sorted once (when the {@link Run} is built) and joined with its judgments once per
 * relevance threshold. Aggregates over the reported topics: the mean (sum for counts; for gm_map
 * and gm_bpref the geometric mean with trec_eval's floor of 1e-5). Thread-safe: evaluations share
 * no state.
 */
public final class RetrievalEvaluation {
  /** trec_eval's MIN_GEO_MEAN. */
  static final double MIN_GEO_MEAN = 1e-5;

  private RetrievalEvaluation() {}

  /**
   * Evaluates {@code run} against {@code qrels}.
   *
   * @throws InputException when a measure is unknown or no topic has both judgments and a ranking
   */
  public static RetrievalResult evaluate(Qrels qrels, Run run, RetrievalOptions options) {
    List<Measure> measures = MeasureCatalog.resolve(options.measures(), options.numDocsInCollection());
    List<String> topics = new ArrayList<>();
    for (String t : run.topics()) {
      if (qrels.topic(t) != null) {
        topics.add(t);
      }
    }
    if (topics.isEmpty()) {
      throw InputException.of("no topic has both judgments and a ranking",
          "qrels and run sharing topic ids (run has " + run.size() + ", qrels " + qrels.size() + ")");
    }
    List<String> missing = new ArrayList<>();
    for (String t : qrels.topics()) {
      if (run.topic(t) == null) {
        missing.add(t);
      }
    }
    // trec_eval -c walks the qrels: a judged topic without a ranking is reported too.
    List<String> reported = options.allTopics() ? new ArrayList<>(qrels.topics()) : topics;
    int nm = measures.size();
    // Measures may ask for their own threshold: join each topic once per distinct level.
    List<Integer> distinctLevels = new ArrayList<>();
    int[] levelSlot = new int[nm];
    boolean wantRelString = false;
    for (int m = 0; m < nm; m++) {
      int level = measures.get(m).level() == 0 ? options.relevanceLevel() : measures.get(m).level();
      if (!distinctLevels.contains(level)) {
        distinctLevels.add(level);
      }
      levelSlot[m] = distinctLevels.indexOf(level);
      wantRelString |= measures.get(m).kind() == Measure.Kind.REL_STRING;
    }
    double[][] values = new double[reported.size()][nm];
    String[] relStrings = wantRelString ? new String[reported.size()] : null;
    double[] sums = new double[nm];
    for (int t = 0; t < reported.size(); t++) {
      String topic = reported.get(t);
      TopicJudgments judgments = qrels.topic(topic);
      Ranking ranking = run.topic(topic);
      JudgedRanking[] joined = new JudgedRanking[distinctLevels.size()];
      for (int m = 0; m < nm; m++) {
        Measure measure = measures.get(m);
        if (measure.kind() != Measure.Kind.VALUE && measure.kind() != Measure.Kind.REL_STRING) {
          continue;
        }
        JudgedRanking r = joined[levelSlot[m]];
        if (r == null) {
          int level = distinctLevels.get(levelSlot[m]);
          r = ranking == null
              ? AllTopics.placeholder(judgments, level, options.judgedOnly())
              : JudgedRanking.of(ranking, judgments, level, options.maxDocsPerTopic(), options.judgedOnly());
          joined[levelSlot[m]] = r;
        }
        if (measure.kind() == Measure.Kind.REL_STRING) {
          relStrings[t] = ranking == null ? AllTopics.relString() : measure.text(r);
          continue;
        }
        double v = ranking == null ? AllTopics.value(measure, r) : measure.value(r);
        values[t][m] = v;
        sums[m] += measure.aggregation() == Measure.Aggregation.GEOMETRIC ? Math.log(Math.max(v, MIN_GEO_MEAN)) : v;
      }
    }
    int averagedOver = reported.size();
    Map<String, Double> aggregate = new LinkedHashMap<>();
    for (int m = 0; m < nm; m++) {
      Measure measure = measures.get(m);
      switch (measure.kind()) {
        case NUM_Q -> aggregate.put(measure.name(), (double) averagedOver);
        case VALUE -> aggregate.put(measure.name(), switch (measure.aggregation()) {
          case SUM -> options.allTopics() && measure.summedOverQrels()
              ? AllTopics.relevantJudgments(qrels, measure) : sums[m];
          case MEAN -> sums[m] / averagedOver;
          case GEOMETRIC -> Math.exp(sums[m] / averagedOver);
        });
        default -> { }
      }
    }
    return new RetrievalResult(measures, topics, missing, reported, values, relStrings, aggregate, run.runId());
  }
}
