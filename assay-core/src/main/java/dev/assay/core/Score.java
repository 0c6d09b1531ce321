package dev.assay.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a scorer says about one example for one metric.
 *
 * <p>A metric's run value is computed by its {@link Metric} from these, so a score carries
 * everything the run value needs: the per-example value when the metric has one, sufficient
 * statistics for corpus-level metrics (BLEU's n-gram counts, a classifier's labels and
 * probabilities), and an optional note for people (a judge's rationale), which never feeds a
 * statistic.
 *
 * <p>Invariants: {@code value} is finite, or NaN when the metric has no per-example value (f1_macro
 * of one example means nothing); every statistic is finite; {@code statistics} and {@code labels}
 * are never null (empty when unused) and are not shared with the caller; {@code note} is null or
 * not blank. What statistics and labels mean is the metric's business (documented by each family).
 *
 * @param value the per-example value, or NaN when there is none
 * @param statistics numeric sufficient statistics, in the metric's order
 * @param labels categorical sufficient statistics (e.g. true and predicted label), in the metric's order
 * @param note a short explanation for people, or null
 */
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = ScoreJson.Writer.class)
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ScoreJson.Reader.class)
public record Score(double value, double[] statistics, List<String> labels, String note) {
  private static final double[] NONE = new double[0];
  // 0 and 1 are most per-example values (pass/fail metrics, exact F1): one shared score each,
  // since a score cannot change (a run of 100,000 examples otherwise holds 100,000 equal copies).
  private static final Score ZERO = new Score(0.0, null, null, null);
  private static final Score ONE = new Score(1.0, null, null, null);

  public Score {
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("a score value must be finite (or NaN for none), got " + value);
    }
    statistics = statistics == null || statistics.length == 0 ? NONE : statistics.clone();
    for (double s : statistics) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("a sufficient statistic must be finite, got " + s);
      }
    }
    labels = labels == null ? List.of() : List.copyOf(labels);
    note = note == null || note.isBlank() ? null : note;
  }

  /** A per-example value and nothing else (the same instance for every 0 and for every 1). */
  public static Score of(double value) {
    if (value == 1.0) {
      return ONE;
    }
    return Double.doubleToRawLongBits(value) == 0L ? ZERO : new Score(value, null, null, null);
  }

  /** A per-example value with the statistics its corpus value is computed from. */
  public static Score of(double value, double[] statistics) {
    return new Score(value, statistics, null, null);
  }

  /** The same score with a note for people. */
  public Score withNote(String text) {
    return new Score(value, statistics, labels, text);
  }

  /** Whether the metric has a per-example value here. */
  public boolean hasValue() {
    return !Double.isNaN(value);
  }

  /** The statistics; a copy, so callers cannot change the score. */
  @Override
  public double[] statistics() {
    return statistics.clone();
  }

  /** Statistic {@code i}, without copying the vector. */
  public double statistic(int i) {
    return statistics[i];
  }

  /** Number of numeric statistics. */
  public int statisticCount() {
    return statistics.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Score s && Double.compare(value, s.value) == 0 && Arrays.equals(statistics, s.statistics)
        && labels.equals(s.labels) && Objects.equals(note, s.note);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Double.hashCode(value), Arrays.hashCode(statistics), labels, note);
  }

  @Override
  public String toString() {
    return "Score[value=" + value + ", statistics=" + Arrays.toString(statistics) + ", labels=" + labels
        + (note == null ? "" : ", note=" + note) + "]";
  }
}
