package dev.assay.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of re-executing a completed run from its record ({@code assay rerun --verify}).
 * Immutable.
 *
 * @param id unique, time-ordered
 * @param at when the verification finished
 * @param actor who ran it
 * @param originalRun the run verified
 * @param rerunRun the new run made from its record
 * @param outcome what the comparison found
 * @param detail the comparison: examples that differ, metric differences, intervals
 */
public record Reproduction(String id, Instant at, String actor, String originalRun, String rerunRun, Outcome outcome,
    ObjectNode detail) {
  /** What a rerun showed. */
  public enum Outcome {
    /** Every output and score identical. */
    REPRODUCIBLE,
    /** A non-deterministic system: outputs differ, every metric difference within sampling error. */
    CONSISTENT,
    /** Outputs or scores differ beyond what the system's declared nature allows. */
    NOT_REPRODUCIBLE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run counts as verified. */
    public boolean verified() {
      return this != NOT_REPRODUCIBLE;
    }
  }

  public Reproduction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(originalRun, "originalRun");
    Objects.requireNonNull(rerunRun, "rerunRun");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? Json.object() : detail.deepCopy();
  }

  @Override
  public ObjectNode detail() {
    return detail.deepCopy();
  }
}
