package dev.assay.tracking;

import java.util.Objects;

/**
 * The metadata of an MLflow run: MLflow's {@code RunInfo}.
 *
 * @param runId 32 lower-case hex digits
 * @param userId who started it, or null
 * @param startTime milliseconds since the Unix epoch
 * @param endTime milliseconds since the Unix epoch, or null while it runs
 * @param artifactUri the experiment's artifact location plus the run's folder, or null
 */
public record RunInfo(String runId, String experimentId, String runName, String userId, RunStatus status,
    long startTime, Long endTime, String artifactUri, LifecycleStage stage) {
  public RunInfo {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(experimentId, "experimentId");
    Objects.requireNonNull(runName, "runName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stage, "stage");
  }
}
