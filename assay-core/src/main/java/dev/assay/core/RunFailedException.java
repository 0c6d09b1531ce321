package dev.assay.core;

/**
 * A run ended {@link RunStatus#FAILED}: more of its results failed than its {@code max_error_rate}
 * allows, or a metric could not be computed. Its numbers are not evidence, so nothing that needs
 * them (a comparison, a gate) goes on; the command-line maps this to exit code 5.
 */
public final class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RunRecord run;

  public RunFailedException(RunRecord run, String message) {
    super(message);
    this.run = run;
  }

  /** The failed run. */
  public RunRecord run() {
    return run;
  }
}
