package dev.assay.tracking;

import java.util.Objects;

/**
 * One logged value of a metric: MLflow's {@code Metric}. A metric key has a history of these;
 * {@code value} may be NaN or infinite (MLflow clients log them).
 *
 * @param timestamp milliseconds since the Unix epoch, as the client gave it
 * @param step the training step, 0 when the client gave none
 */
public record Metric(String key, double value, long timestamp, long step) {
  public Metric {
    Objects.requireNonNull(key, "key");
  }

  /**
   * Whether this value supersedes {@code other} as the run's latest value of its key: MLflow's order
   * is the larger step, then the later timestamp, then the larger value (NaN lowest).
   */
  public boolean isLaterThan(Metric other) {
    if (step != other.step) {
      return step > other.step;
    }
    if (timestamp != other.timestamp) {
      return timestamp > other.timestamp;
    }
    return !Double.isNaN(value) && (Double.isNaN(other.value) || value > other.value);
  }
}
