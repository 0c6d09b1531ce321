package dev.assay.engine;

import dev.assay.core.Dataset;
import dev.assay.core.Lineage;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import java.time.Instant;

/** Builds the header of a new run from its suite, system, dataset and lineage. */
public final class RunFactory {
  private RunFactory() {}

  /**
   * @param contentHash the system's {@link dev.assay.core.SystemUnderTest#contentHash()}, or null
   */
  public static RunRecord newRun(Suite suite, SystemSpec system, String contentHash, Dataset dataset, Lineage lineage,
      Instant now) {
    return RunRecord.started(RunIds.next(), suite.name(), suite.file().toAbsolutePath().normalize().toString(),
        suite.hash(), suite.json(), system, contentHash, dataset.source(), dataset.hash(), dataset.size(),
        suite.repeats(), suite.metrics(), suite.engineFor(system), suite.cluster(), lineage, suite.seed(), now)
        .withDatasetLeftOut(dataset.leftOut());
  }
}
