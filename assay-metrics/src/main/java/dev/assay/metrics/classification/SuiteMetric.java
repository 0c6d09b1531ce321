package dev.assay.metrics.classification;

import dev.assay.core.Direction;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classification metric of a suite as a {@link Metric}: the run value is computed by {@link
 * ClassificationEvaluation}, the code of {@code assay score classification}, from the labels and
 * probabilities each example's {@link Score} carries, so on the same data both give the same
 * number; under bootstrap weights it is scikit-learn's {@code sample_weight} form.
 *
 * <p>Score layout: {@code labels = [true label, predicted label, class₁, class₂, ...]} and {@code
 * statistics = [p(class₁), p(class₂), ...]} when the output gave per-class probabilities; {@code
 * labels = [true, predicted]} and {@code statistics = [p(positive class)]} for a binary score; just
 * the two labels otherwise. {@code accuracy} is a {@link MetricKind#MEAN} of its 0/1 values (and
 * so compared with McNemar's test); every other metric is {@link MetricKind#CORPUS}.
 *
 * @param name the metric as written
 * @param metric which classification metric
 * @param evaluation computes exactly this metric under its parameters
 */
record SuiteMetric(String name, ClassificationMetric metric, ClassificationEvaluation evaluation) implements Metric {
  @Override
  public Direction direction() {
    return metric.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
  }

  @Override
  public MetricKind kind() {
    return metric == ClassificationMetric.ACCURACY ? MetricKind.MEAN : MetricKind.CORPUS;
  }

  @Override
  public Scale scale() {
    return switch (metric) {
      case MCC, COHEN_KAPPA -> Scale.CORRELATION;
      case LOG_LOSS, BRIER -> Scale.NON_NEGATIVE;
      default -> Scale.UNIT;
    };
  }

  @Override
  public MetricSample sample(List<Score> scores) {
    if (metric == ClassificationMetric.ACCURACY) {
      return new MeanMetric(name, direction(), scale()).sample(scores);
    }
    List<ClassificationRecord> records = new ArrayList<>(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      records.add(record(scores.get(i), i + 1));
    }
    ClassificationData data = ClassificationData.of(records);
    int n = records.size();
    return new MetricSample() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public double value(double[] weights) {
        return evaluation.evaluate(data, weights).get(name);
      }
    };
  }

  /** The record a score carries (see the class comment for the layout). */
  static ClassificationRecord record(Score s, int ordinal) {
    List<String> labels = s.labels();
    if (labels.size() < 2) {
      throw new IllegalArgumentException("result " + ordinal + " carries no true and predicted label");
    }
    String id = Integer.toString(ordinal);
    if (labels.size() > 2) {
      if (s.statisticCount() != labels.size() - 2) {
        throw new IllegalArgumentException("result " + ordinal + " has " + (labels.size() - 2) + " classes but "
            + s.statisticCount() + " probabilities");
      }
      Map<String, Double> p = new LinkedHashMap<>();
      for (int c = 2; c < labels.size(); c++) {
        p.put(labels.get(c), s.statistic(c - 2));
      }
      return new ClassificationRecord(id, labels.get(0), labels.get(1), p, null, 0);
    }
    return new ClassificationRecord(id, labels.get(0), labels.get(1), null,
        s.statisticCount() == 1 ? s.statistic(0) : null, 0);
  }

  /** The score of one record (the inverse of {@link #record}), with {@code value} NaN for none. */
  static Score score(ClassificationRecord r, double value) {
    List<String> labels = new ArrayList<>(List.of(r.label(), r.predicted()));
    double[] statistics;
    if (r.scores() != null) {
      labels.addAll(r.scores().keySet());
      statistics = r.scores().values().stream().mapToDouble(Double::doubleValue).toArray();
    } else if (r.score() != null) {
      statistics = new double[] {r.score()};
    } else {
      statistics = new double[0];
    }
    return new Score(value, statistics, labels, null);
  }
}
