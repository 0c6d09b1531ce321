package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The life cycle of a run: running, then completed, failed or aborted.
 *
 * <ul>
 *   <li>{@link #COMPLETED}: every example has a result and the share of errors is within the
 *       run's {@code max_error_rate};
 *   <li>{@link #FAILED}: every example has a result, but more of them failed than {@code
 *       max_error_rate} allows (a server that was down): the run's numbers are not evidence, and
 *       comparisons refuse it;
 *   <li>{@link #ABORTED}: stopped before the end (Ctrl-C, a store fault); {@code --resume} finishes it.
 * </ul>
 */
public enum RunStatus {
  RUNNING,
  COMPLETED,
  FAILED,
  ABORTED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RunStatus parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** Whether every example has a result (completed or failed). */
  public boolean finished() {
    return this == COMPLETED || this == FAILED;
  }
}
