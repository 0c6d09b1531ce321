package dev.assay.metrics.classification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One classified example: its true label, the predicted label and, optionally, probabilities.
 *
 * <p>Labels are strings; JSON numbers are normalised by the reader ({@code 1}, {@code 1.0} and
 * {@code "1"} are the same label). At most one of {@code scores} and {@code score} is set:
 *
 * <ul>
 *   <li>{@code scores} maps a label to its predicted probability, each in [0, 1]; a label absent
 *       from the map has probability 0.
 *   <li>{@code score} is the probability of the positive class of a binary task, which is the
 *       greater of the two labels in {@link LabelOrder} (scikit-learn's convention for a
 *       one-dimensional {@code y_score}).
 * </ul>
 *
 * @param id the example id, never null
 * @param label the true label, never null
 * @param predicted the predicted label, never null
 * @param scores per-label probabilities, null when absent; unmodifiable, insertion-ordered
 * @param score positive-class probability, null when absent
 * @param line 1-based source line (0 when built in code), for messages
 */
public record ClassificationRecord(
    String id, String label, String predicted, Map<String, Double> scores, Double score, int line) {
  public ClassificationRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(predicted, "predicted");
    if (scores != null && score != null) {
      throw new IllegalArgumentException("a record has either scores or score, not both: " + id);
    }
    scores = scores == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }

  /** A record without probabilities. */
  public static ClassificationRecord of(String id, String label, String predicted) {
    return new ClassificationRecord(id, label, predicted, null, null, 0);
  }

  /** A binary record with a positive-class probability. */
  public static ClassificationRecord withScore(String id, String label, String predicted, double score) {
    return new ClassificationRecord(id, label, predicted, null, score, 0);
  }

  /** A record with per-label probabilities. */
  public static ClassificationRecord withScores(
      String id, String label, String predicted, Map<String, Double> scores) {
    return new ClassificationRecord(id, label, predicted, scores, null, 0);
  }

  public boolean hasProbabilities() {
    return scores != null || score != null;
  }
}
