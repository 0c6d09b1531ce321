package dev.assay.core.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A model's promotion policy as stored: the YAML text as written, and where it was read from (the
 * suite paths it names are relative to that file's folder). Each change is a new revision; the
 * latest governs promotions. Parsing and evaluation live in assay-registry.
 *
 * @param model the model's name
 * @param revision 1, 2, 3... per model (0 before it is stored)
 * @param setAt when it was set
 * @param actor who set it
 * @param text the YAML as written
 * @param source the file it came from, absolute
 */
public record PolicyRecord(String model, int revision, Instant setAt, String actor, String text, String source) {
  public PolicyRecord {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(setAt, "setAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  public PolicyRecord withRevision(int r) {
    return new PolicyRecord(model, r, setAt, actor, text, source);
  }
}
