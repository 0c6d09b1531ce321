package dev.assay.cli;

import dev.assay.core.RunRecord;
import dev.assay.gate.GateResult;
import dev.assay.gate.PlanCheck;
import dev.assay.gate.PlanRegistry;
import java.nio.file.Path;
import java.time.Instant;

/** States whether a verdict was reached under one of the store's plans ({@link PlanCheck#judge}). */
final class PlanLookup {
  private PlanLookup() {}

  /**
   * @param storeFile the store whose {@code plans/} folder is searched
   * @param datasetHash the hash of the data judged, null when unknown
   * @param runsStarted the earliest start of the runs judged, null when unknown
   */
  static GateResult apply(Path storeFile, GateResult result, String datasetHash, Instant runsStarted) {
    return result.withPlan(PlanCheck.judge(PlanRegistry.beside(storeFile).all(), result.gate().hash(), datasetHash,
        runsStarted));
  }

  /** The earlier start of two runs; null when either run or its start is unknown. */
  static Instant earliestStart(RunRecord a, RunRecord b) {
    if (a == null || b == null || a.startedAt() == null || b.startedAt() == null) {
      return null;
    }
    return a.startedAt().isBefore(b.startedAt()) ? a.startedAt() : b.startedAt();
  }

  /** The dataset hash both runs share; null when either is unknown or they differ. */
  static String sharedDataset(RunRecord a, RunRecord b) {
    if (a == null || b == null || a.datasetHash() == null || !a.datasetHash().equals(b.datasetHash())) {
      return null;
    }
    return a.datasetHash();
  }
}
