package dev.assay.core.registry;

import dev.assay.core.RunRecord;
import dev.assay.core.SystemSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a model: a system spec and the content it depends on, with free metadata.
 * Immutable once registered.
 *
 * <p>The runs a version was evaluated with are not listed: they are the runs whose system has the
 * same spec hash and content hash ({@link #evaluatedBy}), whatever the system was called in their
 * suite, so a run made before or after registration counts alike.
 *
 * @param model the model's name
 * @param number 1, 2, 3... in registration order
 * @param createdAt when it was registered
 * @param actor who registered it
 * @param system the adapter type and parameters (its name is the one it had where it was taken from)
 * @param contentHash the hash of what the system depends on beyond its spec (corpus, predictions
 *     file, script), null when the spec says it all
 * @param description free text, may be null
 * @param sourceCommit the source commit, may be null
 * @param artifactUri where the model's artifact lives, may be null
 * @param sourceRun the run it was registered from, null when registered from a suite
 */
public record ModelVersion(String model, int number, Instant createdAt, String actor, SystemSpec system,
    String contentHash, String description, String sourceCommit, String artifactUri, String sourceRun) {
  public ModelVersion {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(system, "system");
    if (number < 0) {
      throw new IllegalArgumentException("a version number is >= 1 (0 before registration), got " + number);
    }
  }

  /** The same version numbered {@code n} (the registry numbers a version when it stores it). */
  public ModelVersion withNumber(int n) {
    return new ModelVersion(model, n, createdAt, actor, system, contentHash, description, sourceCommit, artifactUri,
        sourceRun);
  }

  /** The hash of the system spec (adapter type and parameters, not the name). */
  public String specHash() {
    return system.hash();
  }

  /** Whether {@code run} ran this version: the same spec hash and content hash. */
  public boolean evaluatedBy(RunRecord run) {
    return run.system().hash().equals(specHash()) && Objects.equals(run.contentHash(), contentHash);
  }

  /** {@code NAME@N}. */
  public String label() {
    return model + "@" + number;
  }
}
