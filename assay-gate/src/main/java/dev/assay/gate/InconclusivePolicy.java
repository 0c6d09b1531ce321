package dev.assay.gate;

import dev.assay.core.Verdict;

/**
 * What CI makes of an INCONCLUSIVE gate ({@code --inconclusive-is}): the verdict stays
 * INCONCLUSIVE in every output; only the exit code follows the policy.
 */
public enum InconclusivePolicy {
  /** Exit 1, as a failed gate. */
  FAIL,
  /** Exit 0, as a passed gate. */
  PASS,
  /** Exit 3 (the default). */
  INCONCLUSIVE;

  /** The exit code of a gate verdict under this policy. */
  public int exitCode(Verdict verdict) {
    if (verdict != Verdict.INCONCLUSIVE) {
      return verdict.exitCode();
    }
    return switch (this) {
      case FAIL -> Verdict.FAIL.exitCode();
      case PASS -> Verdict.PASS.exitCode();
      case INCONCLUSIVE -> Verdict.INCONCLUSIVE.exitCode();
    };
  }
}
