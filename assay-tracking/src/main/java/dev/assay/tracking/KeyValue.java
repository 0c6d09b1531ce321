package dev.assay.tracking;

import java.util.Objects;

/** A param or tag of a run or experiment: MLflow's {@code Param}, {@code RunTag}, {@code ExperimentTag}. */
public record KeyValue(String key, String value) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
