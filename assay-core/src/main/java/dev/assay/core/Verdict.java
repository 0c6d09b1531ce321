package dev.assay.core;

/** The outcome of a rule or a gate. */
public enum Verdict {
  PASS(0),
  FAIL(1),
  /** The evidence is too thin to tell. */
  INCONCLUSIVE(3);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The command-line exit code: 0, 1 or 3. */
  public int exitCode() {
    return exitCode;
  }

  /** FAIL when any rule fails, else INCONCLUSIVE when any is inconclusive, else PASS. */
  public static Verdict combine(Iterable<Verdict> verdicts) {
    boolean inconclusive = false;
    for (Verdict v : verdicts) {
      if (v == FAIL) {
        return FAIL;
      }
      inconclusive |= v == INCONCLUSIVE;
    }
    return inconclusive ? INCONCLUSIVE : PASS;
  }
}
