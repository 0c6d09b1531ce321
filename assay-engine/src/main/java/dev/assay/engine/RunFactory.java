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
  /** The field of a run's {@code system_spec} holding the system's content hash. */
  public static final String CONTENT_HASH = "content_hash";

  private RunFactory() {}

  /** The content hash a run was started with, or null. */
  public static String contentHash(RunRecord run) {
    var v = run.systemSpec().get(CONTENT_HASH);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * What identifies a system's answers in the response cache: its spec hash, and its content
   * hash when it has one.
   */
  static String cacheIdentity(RunRecord run) {
    String spec = dev.assay.core.SystemSpec.fromJson(run.systemSpec()).hash();
    String content = contentHash(run);
    return content == null ? spec : spec + ":" + content;
  }

  /**
   * @param contentHash the system's {@link dev.assay.core.SystemUnderTest#contentHash()}, kept in
   *     the run's {@code system_spec} as {@code content_hash} when not null
   */
  public static RunRecord newRun(Suite suite, SystemSpec system, String contentHash, Dataset dataset, Lineage lineage,
      Instant now) {
    var spec = system.toJson();
    if (contentHash != null) {
      spec.put(CONTENT_HASH, contentHash);
    }
    return new RunRecord(RunRecord.FORMAT_VERSION, RunIds.next(), suite.name(),
        suite.file().toAbsolutePath().normalize().toString(), suite.hash(), suite.json(), system.name(),
        spec, dataset.source(), dataset.hash(), dataset.size(), suite.repeats(), suite.metrics(),
        lineage, suite.seed(), now, null, RunStatus.RUNNING, null, Map.of());
  }
}
