package dev.assay.tracking;

import java.util.List;
import java.util.Objects;

/**
 * A run with its data: MLflow's {@code Run}. {@code metrics} holds each key's latest value only
 * ({@link Metric#isLaterThan}); the history is {@link TrackingStore#metricHistory}. All three lists
 * are in key order.
 */
public record Run(RunInfo info, List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
  public Run {
    Objects.requireNonNull(info, "info");
    metrics = List.copyOf(metrics);
    params = List.copyOf(params);
    tags = List.copyOf(tags);
  }
}
