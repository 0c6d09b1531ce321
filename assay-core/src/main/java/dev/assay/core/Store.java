package dev.assay.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where runs live. Plug-in point with a conformance suite in assay-testkit.
 *
 * <p>Invariants every implementation keeps:
 *
 * <ul>
 *   <li>{@link #append} returns only once the results are durable (survive a killed process);
 *       the engine acknowledges a result only after that.
 *   <li>A result key (example id, repeat) is stored at most once per run; appending a key again
 *       replaces it (a resumed run may redo an example whose write was in flight).
 *   <li>{@link #results} returns results ordered by dataset index, then repeat.
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

  @Override
  void close();
}
