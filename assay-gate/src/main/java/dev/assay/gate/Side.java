package dev.assay.gate;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import java.util.List;

/**
 * One side of a comparison as the user named it: a run in the store, a run export, or a file of
 * per-example scores.
 *
 * @param source how the side is named in outputs: the run id, or the file
 * @param run the run record (stored runs and exports), null for a score file
 * @param results the run's per-example records (stored runs and exports), empty for a score file
 * @param scores the per-example scores the comparison pairs
 * @param stored whether the run is in the store (then a verdict names it by run id)
 */
public record Side(String source, RunRecord run, List<ExampleResult> results, RunScores scores, boolean stored) {
  public Side {
    results = results == null ? List.of() : List.copyOf(results);
  }

  /** A stored run and its results. */
  public static Side ofRun(RunRecord run, List<ExampleResult> results) {
    return new Side(run.runId(), run, results, RunScores.of(run, results), true);
  }

  /** Whether the side has a run record (a stored run or an export). */
  public boolean hasRun() {
    return run != null;
  }

  /** The system's name, or null for a score file. */
  public String systemName() {
    return run == null ? null : run.systemName();
  }
}
