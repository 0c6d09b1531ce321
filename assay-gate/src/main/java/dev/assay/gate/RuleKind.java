package dev.assay.gate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of gate rule (docs/gates.md). */
public enum RuleKind {
  /** The candidate improves on the baseline by more than the margin (default 0). */
  SUPERIORITY("superiority"),
  /** The candidate is worse than the baseline by less than the margin. */
  NON_INFERIORITY("non_inferiority"),
  /** The candidate's mean lies at or below a threshold: the interval's upper bound does. */
  AT_MOST("at_most"),
  /** The candidate's mean lies at or above a threshold: the interval's lower bound does. */
  AT_LEAST("at_least"),
  /** No example tagged critical passes in the baseline and fails in the candidate. */
  NO_REGRESSIONS("no_regressions");

  private final String wire;

  RuleKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Whether the rule compares candidate with baseline (margin) rather than with a threshold. */
  public boolean paired() {
    return this == SUPERIORITY || this == NON_INFERIORITY;
  }

  /** Whether the rule is decided by an interval (and so takes part in multiplicity control). */
  public boolean statistical() {
    return this != NO_REGRESSIONS;
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(RuleKind::wire).toList();
  }

  public static Optional<RuleKind> parse(String name) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(name)).findFirst();
  }
}
