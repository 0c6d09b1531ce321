package dev.assay.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a scorer says about one example: its numeric scores and, for scorers that explain
 * themselves (an LLM judge's rationale), short text notes.
 *
 * <p>Invariants: both maps are non-null, unmodifiable and keep insertion order; every score is
 * finite; notes are keyed by the metric name they explain and never feed any statistic — they are
 * stored beside the scores for people to read.
 *
 * @param values metric name → value
 * @param notes metric name → explanation (often empty)
 */
public record Scores(Map<String, Double> values, Map<String, String> notes) {
  public Scores {
    values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    notes = notes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notes));
  }

  /** Scores without notes. */
  public static Scores of(Map<String, Double> values) {
    return new Scores(values, Map.of());
  }
}
