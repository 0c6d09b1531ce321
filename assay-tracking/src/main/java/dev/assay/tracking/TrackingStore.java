package dev.assay.tracking;

import java.util.List;
import java.util.Optional;

/**
 * Where MLflow tracking data lives: experiments, runs, their params, tags and metric histories.
 * Implementations: {@code SqliteTrackingStore}, {@code PostgresTrackingStore}; both pass {@code
 * TrackingStoreConformance}.
 *
 * <p>Invariants every implementation keeps:
 *
 * <ul>
 *   <li>The experiment "0" named "Default" exists from the start; new experiments get the next
 *       decimal id. Names are unique among all experiments, deleted ones included.
 *   <li>{@link #log} applies its metrics, params and tags in one transaction: all or nothing. A
 *       param is written once; writing another value for it is refused (INVALID_PARAMETER_VALUE)
 *       and writing the same value is a no-op. A tag written again is replaced. Every metric value
 *       is kept, in the order logged, and the run's latest value per key follows {@link
 *       Metric#isLaterThan}.
 *   <li>Reads of unknown ids are empty; writes to unknown runs fail with RESOURCE_DOES_NOT_EXIST.
 *       Stores check existence, not lifecycle: the service decides what a deleted run may do.
 *   <li>Searches are deterministic: ties broken by start time descending then run id (runs), or
 *       experiment id descending (experiments), so offsets page through a stable order.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface TrackingStore extends AutoCloseable {
  /** The id of the experiment every store starts with. */
  String DEFAULT_EXPERIMENT_ID = "0";
  /** The name of that experiment. */
  String DEFAULT_EXPERIMENT_NAME = "Default";

  /**
   * Creates an experiment and returns it.
   *
   * @throws MlflowException RESOURCE_ALREADY_EXISTS when the name is taken
   */
  Experiment createExperiment(String name, String artifactLocation, List<KeyValue> tags, long now);

  Optional<Experiment> experiment(String id);

  /** The experiment with this name, preferring an active one over a deleted one. */
  Optional<Experiment> experimentByName(String name);

  List<Experiment> searchExperiments(Search.ExperimentQuery query);

  /** Creates a run with its first tags; the run id must be new. */
  Run createRun(RunInfo info, List<KeyValue> tags);

  Optional<Run> run(String runId);

  /** A run's metadata without its data (cheaper than {@link #run} when only the info is needed). */
  Optional<RunInfo> runInfo(String runId);

  /** Sets what is not null of status, end time and name; returns the new info. */
  RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName);

  /** Soft-deletes or restores a run. */
  void setRunStage(String runId, LifecycleStage stage, long now);

  /** Logs metrics, params and tags of a run in one transaction (see the class invariants). */
  void log(String runId, List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags);

  /** The values of one metric of a run in the order logged, {@code limit} from {@code offset}. */
  List<Metric> metricHistory(String runId, String key, int offset, int limit);

  List<Run> searchRuns(Search.RunQuery query);

  /**
   * How many runs of experiment {@code experimentId} are in {@code view}, counted by the store
   * without reading them; 0 for an unknown experiment.
   */
  long countRuns(String experimentId, ViewType view);

  @Override
  void close();
}
