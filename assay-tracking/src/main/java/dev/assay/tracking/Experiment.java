package dev.assay.tracking;

import java.util.List;
import java.util.Objects;

/**
 * An MLflow experiment: a named group of runs.
 *
 * @param id a decimal integer; "0" is the Default experiment every store starts with
 * @param artifactLocation where the client keeps artifacts, or null (assay stores none)
 * @param creationTime milliseconds since the Unix epoch
 * @param lastUpdateTime milliseconds since the Unix epoch
 * @param tags in key order
 */
public record Experiment(String id, String name, String artifactLocation, LifecycleStage stage, long creationTime,
    long lastUpdateTime, List<KeyValue> tags) {
  public Experiment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stage, "stage");
    tags = List.copyOf(tags);
  }
}
