package dev.assay.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where runs, their datasets, verdicts and plans live. Plug-in point with a conformance suite in
 * assay-testkit ({@code StoreConformance}) that every implementation passes.
 *
 * <p>Invariants every implementation keeps:
 *
 * <ul>
 *   <li>{@link #append} returns only once the results are durable (survive a killed process);
 *       the engine acknowledges a result only after that.
 *   <li>A result key (example id, repeat) is stored at most once per run; appending a key again
 *       replaces it (a resumed run may redo an example whose write was in flight).
 *   <li>{@link #results} returns results ordered by dataset index, then repeat.
 *   <li>Datasets are kept once per content hash ({@link #putDataset} of a hash already stored is a
 *       no-op) and read back equal, example for example.
 *   <li>Verdicts, plans and calibrations are immutable once saved; saving a plan whose hash is
 *       stored is a no-op.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface Store extends AutoCloseable {
  /** Creates a run. Fails with IllegalStateException when the run id exists. */
  void createRun(RunRecord run);

  /** Replaces the header of an existing run (status, end time, counts, aggregates). */
  void updateRun(RunRecord run);

  /** Durably appends per-example results of a run. */
  void append(String runId, List<ExampleResult> results);

  Optional<RunRecord> run(String runId);

  /** All runs, newest first. */
  List<RunRecord> runs();

  /** Keys of the results stored for a run. */
  Set<ExampleResult.Key> completedKeys(String runId);

  /** Streams a run's results in dataset order without holding them all in memory. */
  void forEachResult(String runId, Consumer<ExampleResult> consumer);

  /** A run's results in dataset order. */
  default List<ExampleResult> results(String runId) {
    List<ExampleResult> out = new java.util.ArrayList<>();
    forEachResult(runId, out::add);
    return out;
  }

  /**
   * Deletes a run and its results (not its dataset, which other runs may share).
   *
   * @return whether the run existed
   */
  boolean deleteRun(String runId);

  /** Keeps a dataset under its content hash; a no-op when that hash is stored already. */
  void putDataset(Dataset dataset);

  /** The dataset stored under {@code hash}, or empty. */
  Optional<Dataset> dataset(String hash);

  /** Stores a verdict. Fails with IllegalStateException when its id exists. */
  void saveVerdict(VerdictRecord verdict);

  Optional<VerdictRecord> verdict(String id);

  /** Stored verdicts matching {@code query}, newest first. */
  List<VerdictRecord> verdicts(VerdictRecord.Query query);

  /** Stores a plan; a no-op when a plan with its hash is stored. */
  void savePlan(Plan plan);

  /** Every stored plan, oldest first. */
  List<Plan> plans();

  /** Stores a judge's calibration. Fails with IllegalStateException when its id exists. */
  void saveCalibration(CalibrationRecord calibration);

  Optional<CalibrationRecord> calibration(String id);

  /** Stored calibrations matching {@code query}, newest first (ties: the larger id first). */
  List<CalibrationRecord> calibrations(CalibrationRecord.Query query);

  @Override
  void close();
}
