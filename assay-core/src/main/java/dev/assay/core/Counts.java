package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run's per-example results ended.
 *
 * @param ok results where the system answered
 * @param error results where the system failed (no output, no scores)
 * @param metricErrors per metric, the results where the system answered but that metric could not
 *     score (absent when none)
 */
public record Counts(long ok, long error, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> metricErrors) {
  public static final Counts ZERO = new Counts(0, 0);

  public Counts {
    metricErrors = metricErrors == null || metricErrors.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(metricErrors));
  }

  public Counts(long ok, long error) {
    this(ok, error, Map.of());
  }

  public long total() {
    return ok + error;
  }
}
