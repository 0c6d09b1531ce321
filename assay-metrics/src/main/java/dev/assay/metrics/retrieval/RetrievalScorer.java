package dev.assay.metrics.retrieval;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Scorer;
import java.util.List;
import java.util.Map;

/**
 * Scores each example of a suite as one retrieval topic: the value of one {@link Measure} for the
 * example's ranking against its judgments (see {@link ExampleJudgments} for the shapes).
 *
 * <p>The per-example value is the measure's per-query value (average precision for gm_map and
 * map). The aggregate follows trec_eval: the mean, the sum for counts (num_rel_ret, ...) and the
 * geometric mean with a 1e-5 floor for gm_map and gm_bpref. Stateless and thread-safe.
 */
final class RetrievalScorer implements Scorer {
  private final Measure measure;
  private final int level;

  RetrievalScorer(Measure measure) {
    this.measure = measure;
    this.level = measure.level() == 0 ? 1 : measure.level();
  }

  @Override
  public List<String> names() {
    return List.of(measure.name());
  }

  @Override
  public Map<String, Double> score(Example example, Output output) {
    TopicJudgments judgments = ExampleJudgments.judgments(example);
    Ranking ranking = ExampleJudgments.ranking(example, output);
    JudgedRanking r = JudgedRanking.of(ranking, judgments, level, Integer.MAX_VALUE, false);
    return Map.of(measure.name(), measure.value(r));
  }

  @Override
  public boolean higherIsBetter(String name) {
    return measure.higherIsBetter();
  }

  @Override
  public Map<String, Double> aggregate(List<Map<String, Double>> perExample) {
    if (measure.aggregation() == Measure.Aggregation.MEAN) {
      return Scorer.super.aggregate(perExample);
    }
    double sum = 0;
    int n = 0;
    for (Map<String, Double> s : perExample) {
      Double v = s.get(measure.name());
      if (v != null) {
        sum += measure.aggregation() == Measure.Aggregation.GEOMETRIC
            ? Math.log(Math.max(v, RetrievalEvaluation.MIN_GEO_MEAN)) : v;
        n++;
      }
    }
    double value = n == 0 ? Double.NaN
        : measure.aggregation() == Measure.Aggregation.SUM ? sum : Math.exp(sum / n);
    return Map.of(measure.name(), value);
  }
}
