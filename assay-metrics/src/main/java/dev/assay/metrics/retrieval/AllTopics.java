package dev.assay.metrics.retrieval;

/**
 * trec_eval -c ({@link RetrievalOptions#allTopics()}): what a judged topic without a ranking
 * contributes, as trec_eval 10 computes it.
 *
 * <p>trec_eval evaluates such a topic on a placeholder ranking of one document outside the pool
 * (dropped under -J like any unpooled document), then resets to 0 the measures whose value would
 * describe that document rather than the topic ({@link Measure#zeroWhenUnranked()}: num_ret,
 * utility, unj_k, rbp_resid) and prints an empty relstring. Every other measure keeps its value on
 * the placeholder, which is 0 for all of them but num_rel, the topic's count of relevant
 * judgments. Such topics are reported per query like the others and enter every summary.
 *
 * <p>The summary of num_rel is recounted from the whole qrels, counting every judgment with a grade
 * of at least 1 whatever the evaluation's relevance level (trec_eval's num_rel under -c tests
 * {@code rel > 0}): with a level above 1 it is not the sum of the per-topic values. A num_rel given
 * its own level ({@code num_rel:level=3}, an assay parameter) counts at that level.
 */
final class AllTopics {
  private AllTopics() {}

  /** What every measure of {@code topic} is computed on when the run has no ranking for it. */
  static JudgedRanking placeholder(TopicJudgments topic, int level, boolean judgedOnly) {
    return JudgedRanking.placeholder(topic, level, judgedOnly);
  }

  /** The value of {@code measure} for a topic without a ranking, given its {@link #placeholder}. */
  static double value(Measure measure, JudgedRanking placeholder) {
    return measure.zeroWhenUnranked() ? 0 : measure.value(placeholder);
  }

  /** relstring of a topic without a ranking. */
  static String relString() {
    return "";
  }

  /** The -c summary of a {@link Measure#summedOverQrels()} count: relevant judgments of every topic. */
  static double relevantJudgments(Qrels qrels, Measure measure) {
    int level = measure.level() == 0 ? 1 : measure.level();
    long n = 0;
    for (String topic : qrels.topics()) {
      n += qrels.topic(topic).countAtLeast(level);
    }
    return n;
  }
}
