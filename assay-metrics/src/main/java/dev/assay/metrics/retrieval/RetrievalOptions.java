package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import java.util.List;

/**
 * How to evaluate a run, with trec_eval's defaults.
 *
 * @param measures measure specs (names, families, nicknames, aliases; see {@link MeasureCatalog});
 *     default {@code official}
 * @param relevanceLevel grade at or above which a document is relevant (trec_eval -l), at least 1;
 *     default 1
 * @param allTopics average over every topic of the qrels, a topic missing from the run counting 0
 *     (trec_eval -c); default false: only topics in both
 * @param judgedOnly drop retrieved documents without a non-negative judgment before ranking
 *     (trec_eval -J); default false
 * @param maxDocsPerTopic evaluate only the first documents of each ranking (trec_eval -M), at
 *     least 1; default unlimited
 * @param numDocsInCollection collection size for utility's fourth coefficient (trec_eval -N);
 *     default 0
 */
public record RetrievalOptions(List<String> measures, int relevanceLevel, boolean allTopics, boolean judgedOnly,
    int maxDocsPerTopic, long numDocsInCollection) {

  public RetrievalOptions {
    measures = List.copyOf(measures);
    if (measures.isEmpty()) {
      throw InputException.of("no retrieval measure requested", "at least one measure, e.g. map,ndcg_cut_10");
    }
    if (relevanceLevel < 1) {
      throw InputException.of("relevance level " + relevanceLevel + " is below 1", "a level >= 1");
    }
    if (maxDocsPerTopic < 1) {
      throw InputException.of("max documents per topic " + maxDocsPerTopic + " is below 1", "a count >= 1");
    }
    if (numDocsInCollection < 0) {
      throw InputException.of("collection size " + numDocsInCollection + " is negative", "a count >= 0");
    }
  }

  /** trec_eval's defaults: official measures, level 1, judged-and-retrieved topics only. */
  public static RetrievalOptions defaults() {
    return new RetrievalOptions(List.of("official"), 1, false, false, Integer.MAX_VALUE, 0);
  }

  public RetrievalOptions withMeasures(List<String> m) {
    return new RetrievalOptions(m, relevanceLevel, allTopics, judgedOnly, maxDocsPerTopic, numDocsInCollection);
  }

  public RetrievalOptions withRelevanceLevel(int level) {
    return new RetrievalOptions(measures, level, allTopics, judgedOnly, maxDocsPerTopic, numDocsInCollection);
  }

  public RetrievalOptions withAllTopics(boolean all) {
    return new RetrievalOptions(measures, relevanceLevel, all, judgedOnly, maxDocsPerTopic, numDocsInCollection);
  }

  public RetrievalOptions withJudgedOnly(boolean judged) {
    return new RetrievalOptions(measures, relevanceLevel, allTopics, judged, maxDocsPerTopic, numDocsInCollection);
  }

  public RetrievalOptions withMaxDocsPerTopic(int max) {
    return new RetrievalOptions(measures, relevanceLevel, allTopics, judgedOnly, max, numDocsInCollection);
  }

  public RetrievalOptions withNumDocsInCollection(long n) {
    return new RetrievalOptions(measures, relevanceLevel, allTopics, judgedOnly, maxDocsPerTopic, n);
  }
}
