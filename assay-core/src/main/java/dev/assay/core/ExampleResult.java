package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What happened to one example (one repeat of it) in a run: the per-example record.
 *
 * <p>Invariants: {@code error} is null when the system answered; {@code output} is null exactly
 * when the system failed, and then {@code scores} and {@code metricErrors} are empty. When the
 * system answered, every metric of the run has either a score or an entry in {@code metricErrors}
 * (the reason that metric could not score this example, e.g. a judge that timed out): one metric
 * that fails never takes the others' scores with it. {@code index} is the example's 0-based
 * position in the dataset, which orders results independently of completion order. Maps keep
 * insertion order (the run's metric order) and are unmodifiable: each is a {@link CompactMap}
 * (copied from the caller's map, or taken as it is when it already is one, since it cannot change).
 */
public record ExampleResult(
    String id,
    int index,
    int repeat,
    JsonNode output,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Score> scores,
    Double latencyMs,
    Long tokensIn,
    Long tokensOut,
    Double cost,
    String error,
    int attempts,
    boolean cached,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metricErrors) {
  public ExampleResult {
    output = output == null || output.isNull() ? null : output;
    scores = scores == null || scores.isEmpty() ? Map.of() : CompactMap.copyOf(scores);
    metricErrors = metricErrors == null || metricErrors.isEmpty() ? Map.of() : CompactMap.copyOf(metricErrors);
  }

  /** A result whose every metric scored (or whose system failed). */
  public ExampleResult(String id, int index, int repeat, JsonNode output, Map<String, Score> scores,
      Double latencyMs, Long tokensIn, Long tokensOut, Double cost, String error, int attempts, boolean cached) {
    this(id, index, repeat, output, scores, latencyMs, tokensIn, tokensOut, cost, error, attempts, cached, Map.of());
  }

  /**
   * Reads a record of any format: format 1's flat scores with {@code #} statistics and its separate
   * {@code notes} are folded into typed scores ({@link ScoreJson#upgrade}).
   */
  @JsonCreator
  static ExampleResult fromJson(@JsonProperty("id") String id, @JsonProperty("index") int index,
      @JsonProperty("repeat") int repeat, @JsonProperty("output") JsonNode output,
      @JsonProperty("scores") JsonNode scores, @JsonProperty("latency_ms") Double latencyMs,
      @JsonProperty("tokens_in") Long tokensIn, @JsonProperty("tokens_out") Long tokensOut,
      @JsonProperty("cost") Double cost, @JsonProperty("error") String error, @JsonProperty("attempts") int attempts,
      @JsonProperty("cached") boolean cached, @JsonProperty("metric_errors") Map<String, String> metricErrors,
      @JsonProperty("notes") JsonNode notes) {
    return new ExampleResult(id, index, repeat, output, ScoreJson.upgrade(scores, notes), latencyMs, tokensIn,
        tokensOut, cost, error, attempts, cached, metricErrors);
  }

  /** Whether the system answered (some metrics may still have failed: {@link #metricErrors}). */
  public boolean ok() {
    return error == null;
  }

  /** The per-example value of {@code metric}, or null when it has none here. */
  public Double value(String metric) {
    Score s = scores.get(metric);
    return s == null || !s.hasValue() ? null : s.value();
  }

  /** The identity of a result within a run. */
  @JsonIgnore
  public Key key() {
    return new Key(id, repeat);
  }

  /** (example id, repeat): unique within a run. */
  public record Key(String id, int repeat) {}
}
