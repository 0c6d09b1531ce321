package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The header of a run: one system over one dataset under one suite (docs/run-record.md).
 *
 * <p>Immutable; the store replaces the header when a run's status changes. {@code suite} holds the
 * suite as parsed JSON so that {@code --resume} needs no suite file. The per-example records live
 * beside the header in the store and are exported together as {@link RunExport}.
 */
public record RunRecord(
    int formatVersion,
    String runId,
    String suiteName,
    String suitePath,
    String suiteHash,
    ObjectNode suite,
    String systemName,
    ObjectNode systemSpec,
    String datasetPath,
    String datasetHash,
    int datasetSize,
    int repeats,
    List<String> metrics,
    Lineage lineage,
    long seed,
    Instant startedAt,
    Instant endedAt,
    RunStatus status,
    Counts counts,
    Map<String, Double> aggregates) {
  /** The run-record format this code writes. Readers accept this and every earlier version. */
  public static final int FORMAT_VERSION = 1;

  public RunRecord {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    counts = counts == null ? Counts.ZERO : counts;
    aggregates = aggregates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aggregates));
  }

  /** The same run with a new status, end time, counts and aggregates. */
  public RunRecord finish(RunStatus newStatus, Instant ended, Counts newCounts, Map<String, Double> newAggregates) {
    return new RunRecord(formatVersion, runId, suiteName, suitePath, suiteHash, suite, systemName, systemSpec,
        datasetPath, datasetHash, datasetSize, repeats, metrics, lineage, seed, startedAt, ended, newStatus,
        newCounts, newAggregates);
  }

  /** The same run, reopened for {@code --resume}. */
  public RunRecord reopen() {
    return finish(RunStatus.RUNNING, null, counts, aggregates);
  }

  /** Expected number of per-example results: examples times repeats. */
  public long expectedResults() {
    return (long) datasetSize * repeats;
  }

  public JsonNode toJson() {
    return Json.tree(this);
  }
}
