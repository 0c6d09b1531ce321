package dev.assay.engine;

import dev.assay.core.Dataset;
import dev.assay.core.Lineage;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import java.time.Instant;
import java.util.Map;

/** Builds the header of a new run from its suite, system, dataset and lineage. */
public final class RunFactory {
  private RunFactory() {}

  public static RunRecord newRun(Suite suite, SystemSpec system, Dataset dataset, Lineage lineage, Instant now) {
    return new RunRecord(RunRecord.FORMAT_VERSION, RunIds.next(), suite.name(),
        suite.file().toAbsolutePath().normalize().toString(), suite.hash(), suite.json(), system.name(),
        system.toJson(), dataset.source(), dataset.hash(), dataset.size(), suite.repeats(), suite.metrics(),
        lineage, suite.seed(), now, null, RunStatus.RUNNING, null, Map.of());
  }
}
