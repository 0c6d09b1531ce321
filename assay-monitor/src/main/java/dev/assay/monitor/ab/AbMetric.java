package dev.assay.monitor.ab;

import dev.assay.gate.Margin;

/**
 * One metric of an experiment, as declared in {@code ab.yaml}.
 *
 * @param name the metric's name in the readout
 * @param column the per-unit value (a mean metric), or null for a ratio metric
 * @param numerator a ratio metric's per-unit numerator column (e.g. clicks), else null
 * @param denominator a ratio metric's per-unit denominator column (e.g. sessions), else null
 * @param covariate the pre-period column for CUPED, or null
 * @param rule {@code superiority} or {@code non_inferiority} (a guardrail)
 * @param margin the rule's margin (absolute, or a percentage of the control's value)
 * @param lowerIsBetter whether a decrease is an improvement (latency, cost)
 * @param line the line of the metric in the configuration, for messages
 */
public record AbMetric(String name, String column, String numerator, String denominator, String covariate,
    String rule, Margin margin, boolean lowerIsBetter, int line) {
  public boolean ratio() {
    return column == null;
  }
}
