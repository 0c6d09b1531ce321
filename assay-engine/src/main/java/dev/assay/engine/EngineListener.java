package dev.assay.engine;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;

/**
 * Observes a run's progress (progress bars, logs). Called from worker threads: implementations
 * are thread-safe and cheap.
 */
public interface EngineListener {
  /** The run starts with {@code total} results expected, {@code alreadyDone} of them stored. */
  default void started(String runId, String systemName, long total, long alreadyDone) {}

  /** One result was made durable. */
  default void acknowledged(ExampleResult result) {}

  /**
   * The run ended: completed, failed or aborted ({@code run.status()}), with its failures grouped
   * by cause.
   */
  default void finished(RunRecord run, ErrorSummary errors) {}

  EngineListener NONE = new EngineListener() {};
}
