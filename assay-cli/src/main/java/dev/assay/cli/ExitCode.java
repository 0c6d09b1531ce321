package dev.assay.cli;

/** The exit codes of the command-line contract (DESIGN.md, docs/cli.md). */
public final class ExitCode {
  public static final int OK = 0;
  public static final int GATE_FAIL = 1;
  public static final int INPUT_ERROR = 2;
  public static final int INCONCLUSIVE = 3;
  public static final int INTERNAL_ERROR = 4;
  /** A run finished with more failed results than its {@code max_error_rate} allows (or a metric it cannot compute). */
  public static final int RUN_FAILED = 5;

  private ExitCode() {}
}
