package dev.assay.metrics.classification;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Metric;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one classification metric of a suite: each example's {@link Score} carries its true and
 * predicted label and, for metrics of probabilities, the output's probabilities (layout in {@link
 * SuiteMetric}), from which {@link SuiteMetric} computes the run value as {@code assay score
 * classification} does.
 *
 * <p>A per-example value exists only where the run value is a mean of per-example values: {@code
 * accuracy} (1 or 0), {@code log_loss} and {@code brier}. Those two are computed over the classes
 * the example names (true label, predicted label, {@code scores} keys), which is the example's term
 * of the run value whenever its {@code scores} give every class of the task (see
 * docs/metrics-classification.md). They therefore need a {@code scores} map: with a bare
 * positive-class {@code score} the example cannot tell which class is positive.
 */
final class ClassificationScorer implements Scorer {
  /** Metrics of probabilities: an output without them cannot be scored. */
  private static final Set<ClassificationMetric> PROBABILISTIC = Set.of(ClassificationMetric.ROC_AUC,
      ClassificationMetric.AVERAGE_PRECISION, ClassificationMetric.LOG_LOSS, ClassificationMetric.BRIER,
      ClassificationMetric.ECE);

  private final SuiteMetric suiteMetric;
  private final String name;
  private final ClassificationMetric metric;
  private final MetricSpec spec;

  /** {@code evaluation} computes exactly {@code metric} under {@code spec} (one spec). */
  ClassificationScorer(ClassificationMetric metric, ClassificationEvaluation evaluation) {
    this.spec = evaluation.specs().get(0);
    this.name = spec.text();
    this.metric = metric;
    this.suiteMetric = new SuiteMetric(name, metric, evaluation);
  }

  @Override
  public List<Metric> metrics() {
    return List.of(suiteMetric);
  }

  /**
   * @throws IllegalArgumentException when the output is malformed, or lacks the probabilities the
   *     metric needs
   * @throws dev.assay.core.InputException when the example's reference is not a label
   */
  @Override
  public Map<String, Score> score(Example example, Output output) {
    ClassificationRecord r = SuiteRecord.of(example, output);
    boolean perExampleLoss = metric == ClassificationMetric.LOG_LOSS || metric == ClassificationMetric.BRIER;
    if (PROBABILISTIC.contains(metric) && !r.hasProbabilities()) {
      throw new IllegalArgumentException("metric '" + name + "' needs probabilities but the output has none (expected "
          + SuiteRecord.OUTPUT_SHAPE + ")");
    }
    if (perExampleLoss && r.scores() == null) {
      throw new IllegalArgumentException("metric '" + name + "' in a suite needs per-label probabilities: a "
          + "positive-class 'score' does not say which label is positive (expected {\"label\": L, \"scores\": "
          + "{label: probability, ...}})");
    }
    double value = Double.NaN;
    if (metric == ClassificationMetric.ACCURACY) {
      value = r.label().equals(r.predicted()) ? 1.0 : 0.0;
    } else if (perExampleLoss) {
      value = loss(r);
    }
    ClassificationRecord kept = PROBABILISTIC.contains(metric) ? r
        : new ClassificationRecord(r.id(), r.label(), r.predicted(), null, null, r.line());
    return Map.of(name, SuiteMetric.score(kept, value));
  }

  /** Log loss or Brier score of one record over the classes it names, in {@link LabelOrder}. */
  private double loss(ClassificationRecord r) {
    List<String> named = new ArrayList<>(r.scores().keySet());
    named.add(r.label());
    named.add(r.predicted());
    List<String> classes = LabelOrder.sorted(named);
    double[] row = new double[classes.size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = r.scores().getOrDefault(classes.get(c), 0.0);
    }
    int truth = classes.indexOf(r.label());
    if (metric == ClassificationMetric.BRIER) {
      return ProbabilisticLoss.brier(row, truth);
    }
    double eps = spec.fractionParam("eps", ProbabilisticLoss.DOUBLE_EPS);
    boolean renormalise = spec.choiceParam("renormalize", "false", Set.of("true", "false")).equals("true");
    return ProbabilisticLoss.logLoss(row, truth, eps, renormalise);
  }
}
