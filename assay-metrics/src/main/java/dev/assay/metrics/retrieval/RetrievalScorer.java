package dev.assay.metrics.retrieval;

import dev.assay.core.Direction;
import dev.assay.core.Example;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ValueSumsMetric;
import java.util.List;
import java.util.Map;

/**
 * Scores each example of a suite as one retrieval topic: the value of one {@link Measure} for the
 * example's ranking against its judgments (see {@link ExampleJudgments} for the shapes).
 *
 * <p>The per-example value is the measure's per-query value (average precision for gm_map and
 * map). The run value follows trec_eval: the mean, the sum for counts (num_rel_ret, ...) and the
 * geometric mean with a 1e-5 floor for gm_map and gm_bpref. Stateless and thread-safe.
 */
final class RetrievalScorer implements Scorer {
  private final Measure measure;
  private final int level;
  private final Metric metric;

  RetrievalScorer(Measure measure) {
    this.measure = measure;
    this.level = measure.level() == 0 ? 1 : measure.level();
    this.metric = metric(measure);
  }

  private static Metric metric(Measure measure) {
    Direction direction = measure.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    return switch (measure.aggregation()) {
      case MEAN -> new MeanMetric(measure.name(), direction, measure.perQueryScale());
      case SUM -> ValueSumsMetric.total(measure.name(), direction, Scale.NON_NEGATIVE);
      case GEOMETRIC -> ValueSumsMetric.geometricMean(measure.name(), direction, Scale.UNIT,
          RetrievalEvaluation.MIN_GEO_MEAN);
    };
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) {
    TopicJudgments judgments = ExampleJudgments.judgments(example);
    Ranking ranking = ExampleJudgments.ranking(example, output);
    JudgedRanking r = JudgedRanking.of(ranking, judgments, level, Integer.MAX_VALUE, false);
    return Map.of(measure.name(), Score.of(measure.value(r)));
  }
}
