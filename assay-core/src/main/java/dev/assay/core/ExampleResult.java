package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What happened to one example (one repeat of it) in a run: the per-example record.
 *
 * <p>Invariants: {@code error} is null when the system answered and every scorer scored; {@code
 * output} is null when the system failed (it is kept when only scoring failed); {@code scores} is
 * empty when {@code error} is set. {@code index} is the example's 0-based position in the dataset,
 * which orders results independently of completion order. {@code notes} (metric name → text, e.g.
 * a judge's rationale) is empty unless a scorer explained its score; it is left out of JSON when
 * empty, so records written before it existed read back unchanged.
 */
public record ExampleResult(
    String id,
    int index,
    int repeat,
    JsonNode output,
    Map<String, Double> scores,
    Double latencyMs,
    Long tokensIn,
    Long tokensOut,
    Double cost,
    String error,
    int attempts,
    boolean cached,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> notes) {
  public ExampleResult {
    output = output == null || output.isNull() ? null : output;
    scores = scores == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    notes = notes == null || notes.isEmpty()
        ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
  }

  /** A result without notes. */
  public ExampleResult(String id, int index, int repeat, JsonNode output, Map<String, Double> scores,
      Double latencyMs, Long tokensIn, Long tokensOut, Double cost, String error, int attempts, boolean cached) {
    this(id, index, repeat, output, scores, latencyMs, tokensIn, tokensOut, cost, error, attempts, cached, Map.of());
  }

  public boolean ok() {
    return error == null;
  }

  /** The identity of a result within a run. */
  public Key key() {
    return new Key(id, repeat);
  }

  /** (example id, repeat): unique within a run. */
  public record Key(String id, int repeat) {}
}
