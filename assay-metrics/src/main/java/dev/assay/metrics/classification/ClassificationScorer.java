package dev.assay.metrics.classification;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One classification metric in a suite. Each example's scores carry what the run value needs
 * under internal keys (they contain {@code #}, which consumers skip):
 *
 * <ul>
 *   <li>{@code NAME#true=LABEL} = 1 and {@code NAME#pred=LABEL} = 1: the true and predicted label;
 *   <li>for metrics of probabilities only: {@code NAME#p=LABEL} = the output's probability of
 *       LABEL (a {@code scores} output), or {@code NAME#score} = its positive-class probability.
 * </ul>
 *
 * <p>{@link #aggregate} rebuilds the {@link ClassificationRecord}s from these keys, in dataset
 * order, and computes the run value with {@link ClassificationEvaluation}, the code of {@code assay
 * score classification}: on the same labels and probabilities both give the same number.
 *
 * <p>A per-example value under {@code NAME} exists only where the run value is a mean of
 * per-example values: {@code accuracy} (1 or 0), {@code log_loss} and {@code brier}. Those two
 * are computed over the classes the example names (true label, predicted label, {@code scores}
 * keys), which is the example's term of the run value whenever its {@code scores} give every
 * class of the task (see docs/metrics-classification.md). They therefore need a {@code scores}
 * map: with a bare positive-class {@code score} the example cannot tell which class is positive.
 */
final class ClassificationScorer implements Scorer {
  /** Metrics of probabilities: an output without them cannot be scored. */
  private static final Set<ClassificationMetric> PROBABILISTIC = Set.of(ClassificationMetric.ROC_AUC,
      ClassificationMetric.AVERAGE_PRECISION, ClassificationMetric.LOG_LOSS, ClassificationMetric.BRIER,
      ClassificationMetric.ECE);

  private final String name;
  private final ClassificationMetric metric;
  private final MetricSpec spec;
  private final ClassificationEvaluation evaluation;
  private final String truePrefix;
  private final String predPrefix;
  private final String probabilityPrefix;
  private final String scoreKey;

  /** {@code evaluation} computes exactly {@code metric} under {@code spec} (one spec). */
  ClassificationScorer(ClassificationMetric metric, ClassificationEvaluation evaluation) {
    this.spec = evaluation.specs().get(0);
    this.name = spec.text();
    this.metric = metric;
    this.evaluation = evaluation;
    this.truePrefix = name + "#true=";
    this.predPrefix = name + "#pred=";
    this.probabilityPrefix = name + "#p=";
    this.scoreKey = name + "#score";
  }

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public boolean higherIsBetter(String metricName) {
    return metric.higherIsBetter();
  }

  /**
   * @throws IllegalArgumentException when the output is malformed, or lacks the probabilities the
   *     metric needs
   * @throws dev.assay.core.InputException when the example's reference is not a label
   */
  @Override
  public Map<String, Double> score(Example example, Output output) {
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
    Map<String, Double> out = new LinkedHashMap<>();
    if (metric == ClassificationMetric.ACCURACY) {
      out.put(name, r.label().equals(r.predicted()) ? 1.0 : 0.0);
    } else if (perExampleLoss) {
      out.put(name, loss(r));
    }
    out.put(truePrefix + r.label(), 1.0);
    out.put(predPrefix + r.predicted(), 1.0);
    if (PROBABILISTIC.contains(metric)) {
      if (r.score() != null) {
        out.put(scoreKey, r.score());
      } else {
        r.scores().forEach((label, p) -> out.put(probabilityPrefix + label, p));
      }
    }
    return out;
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

  /**
   * The run value from the examples' internal keys; NaN when no example carries them. Throws
   * {@link dev.assay.core.InputException} where {@code assay score classification} would on the
   * same data (a metric that does not apply to the task, e.g. {@code f1_binary} over three labels).
   */
  @Override
  public Map<String, Double> aggregate(List<Map<String, Double>> perExample) {
    List<ClassificationRecord> records = new ArrayList<>(perExample.size());
    for (Map<String, Double> scores : perExample) {
      ClassificationRecord r = record(scores, records.size() + 1);
      if (r != null) {
        records.add(r);
      }
    }
    double value = records.isEmpty() ? Double.NaN : evaluation.evaluate(ClassificationData.of(records)).get(name);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(name, value);
    return out;
  }

  /** The record stored in one example's scores, or null when it carries none of this metric. */
  private ClassificationRecord record(Map<String, Double> scores, int ordinal) {
    String truth = null;
    String predicted = null;
    Map<String, Double> probabilities = null;
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(truePrefix)) {
        truth = only(truth, key.substring(truePrefix.length()), key);
      } else if (key.startsWith(predPrefix)) {
        predicted = only(predicted, key.substring(predPrefix.length()), key);
      } else if (key.startsWith(probabilityPrefix)) {
        probabilities = probabilities == null ? new LinkedHashMap<>() : probabilities;
        probabilities.put(key.substring(probabilityPrefix.length()), e.getValue());
      }
    }
    if (truth == null && predicted == null) {
      return null;
    }
    if (truth == null || predicted == null) {
      throw new IllegalStateException("example " + ordinal + " has only one of " + truePrefix + "* and "
          + predPrefix + "*");
    }
    return new ClassificationRecord(Integer.toString(ordinal), truth, predicted, probabilities,
        scores.get(scoreKey), 0);
  }

  private static String only(String previous, String label, String key) {
    if (previous != null) {
      throw new IllegalStateException("two labels stored for one example: " + key);
    }
    return label;
  }
}
