package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** The life cycle of a run: running, then completed or aborted. */
public enum RunStatus {
  RUNNING,
  COMPLETED,
  ABORTED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
