package dev.assay.metrics.classification;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a chosen list of classification metrics: the entry point of {@code assay score
 * classification} and of bootstraps.
 *
 * <p>Results are keyed by the metric spec exactly as requested (e.g. {@code ece:bins=10}), in
 * request order. A metric that does not apply to the data (probabilities missing, binary average
 * on a multiclass task, too few classes) throws {@link InputException} naming it. A value is NaN
 * only where scikit-learn's is undefined too (e.g. ROC AUC with one class present).
 *
 * <p>Resampling: {@link #evaluate(ClassificationData, double[])} takes one weight per example
 * (bootstrap multiplicities; scikit-learn's {@code sample_weight}); with unit weights it is
 * {@link #evaluate(ClassificationData)}. Label metrics are functions of the weighted confusion
 * matrix, so a replicate costs O(n); ranking metrics re-sort, O(n log n).
 */
public final class ClassificationEvaluation {
  private final List<MetricSpec> specs;
  private final List<ClassificationMetric> metrics;

  private ClassificationEvaluation(List<MetricSpec> specs, List<ClassificationMetric> metrics) {
    this.specs = List.copyOf(specs);
    this.metrics = List.copyOf(metrics);
  }

  /**
   * Parses and checks metric specs; throws {@link InputException} for an unknown name (with a
   * suggestion) or a bad parameter. An empty list is an input error too.
   */
  public static ClassificationEvaluation of(List<String> metricSpecs) {
    if (metricSpecs.isEmpty()) {
      throw InputException.of("no classification metrics requested", "one or more of " + ClassificationMetric.names());
    }
    List<MetricSpec> specs = new ArrayList<>();
    List<ClassificationMetric> metrics = new ArrayList<>();
    for (String text : metricSpecs) {
      MetricSpec spec = MetricSpec.parse(text);
      ClassificationMetric m = ClassificationMetric.byName(spec.name());
      if (m == null) {
        throw InputException.of("unknown classification metric '" + spec.name() + "'",
            DidYouMean.expected(spec.name(), ClassificationMetric.names()));
      }
      m.validate(spec);
      specs.add(spec);
      metrics.add(m);
    }
    return new ClassificationEvaluation(specs, metrics);
  }

  /** Convenience: read nothing, index {@code records}, compute {@code metricSpecs}. */
  public static Map<String, Double> evaluate(List<ClassificationRecord> records, List<String> metricSpecs) {
    return of(metricSpecs).evaluate(ClassificationData.of(records));
  }

  /** Whether the classification metric named by {@code spec} is known here. */
  public static boolean knows(String spec) {
    return ClassificationMetric.byName(MetricSpec.parse(spec).name()) != null;
  }

  /** Direction of a known metric: log_loss, brier and ece are lower-is-better. */
  public static boolean higherIsBetter(String spec) {
    ClassificationMetric m = ClassificationMetric.byName(MetricSpec.parse(spec).name());
    if (m == null) {
      throw new IllegalArgumentException("not a classification metric: " + spec);
    }
    return m.higherIsBetter();
  }

  public List<MetricSpec> specs() {
    return specs;
  }

  public Map<String, Double> evaluate(ClassificationData data) {
    return evaluate(data, data.unitWeights());
  }

  /** The metrics under per-example {@code weights}: finite, non-negative, one per record. */
  public Map<String, Double> evaluate(ClassificationData data, double[] weights) {
    checkWeights(data, weights);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int m = 0; m < metrics.size(); m++) {
      out.put(specs.get(m).text(), metrics.get(m).compute(data, specs.get(m), weights));
    }
    return out;
  }

  /**
   * Per-example values, one map per record in input order, for the requested metrics that are
   * means of per-example values: {@code accuracy} (1 when correct, else 0), {@code log_loss} and
   * {@code brier}. Corpus metrics (F1, AUC, ECE, ...) have no per-example value and are absent;
   * their sufficient statistics are the example's confusion cell and probabilities.
   */
  public List<Map<String, Double>> perExample(ClassificationData data) {
    List<Map<String, Double>> out = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      out.add(new LinkedHashMap<>());
    }
    for (int m = 0; m < metrics.size(); m++) {
      double[] values = metrics.get(m).perExample(data, specs.get(m));
      if (values != null) {
        for (int i = 0; i < values.length; i++) {
          out.get(i).put(specs.get(m).text(), values[i]);
        }
      }
    }
    return out;
  }

  /** Precision, recall, F1 and support of every label class, in {@link LabelOrder}. */
  public static List<ClassScores> perClass(ClassificationData data) {
    return PrecisionRecallF1.perClass(ConfusionMatrix.of(data));
  }

  public static ConfusionMatrix confusionMatrix(ClassificationData data) {
    return ConfusionMatrix.of(data);
  }

  /**
   * The reliability diagram for {@code eceSpec} (e.g. {@code ece} or {@code
   * ece:bins=10:strategy=quantile}); its {@link Reliability#ece()} equals the {@code ece} metric.
   */
  public static Reliability reliability(ClassificationData data, String eceSpec) {
    MetricSpec spec = MetricSpec.parse(eceSpec);
    if (!spec.name().equals(ClassificationMetric.ECE.canonicalName())) {
      throw InputException.of("reliability data comes from an 'ece' spec, got '" + eceSpec + "'", "ece[:bins=N][:strategy=uniform|quantile]");
    }
    ClassificationMetric.ECE.validate(spec);
    return ClassificationMetric.reliability(data, spec, data.unitWeights());
  }

  private static void checkWeights(ClassificationData data, double[] weights) {
    if (weights.length != data.size()) {
      throw new IllegalArgumentException("need " + data.size() + " weights, got " + weights.length);
    }
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights must be finite and non-negative, got " + w);
      }
    }
  }
}
