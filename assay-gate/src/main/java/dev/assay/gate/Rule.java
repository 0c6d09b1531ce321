package dev.assay.gate;

/**
 * One rule of a gate.
 *
 * @param kind what the rule claims
 * @param metric the metric it judges
 * @param margin for superiority and non-inferiority ({@link Margin#ZERO} otherwise)
 * @param threshold for at_most and at_least (NaN otherwise)
 * @param tag for no_regressions: which examples are critical ({@code KEY} or {@code KEY=VALUE})
 * @param passThreshold for no_regressions on a metric that is not 0/1: the value at which an
 *     example passes (NaN when the metric is 0/1 and 1 means pass)
 * @param line the line of the rule in its YAML file (0 when unknown)
 */
public record Rule(RuleKind kind, String metric, Margin margin, double threshold, String tag, double passThreshold,
    int line) {

  public static Rule superiority(String metric, Margin margin) {
    return new Rule(RuleKind.SUPERIORITY, metric, margin, Double.NaN, null, Double.NaN, 0);
  }

  public static Rule nonInferiority(String metric, Margin margin) {
    return new Rule(RuleKind.NON_INFERIORITY, metric, margin, Double.NaN, null, Double.NaN, 0);
  }

  public static Rule atMost(String metric, double threshold) {
    return new Rule(RuleKind.AT_MOST, metric, Margin.ZERO, threshold, null, Double.NaN, 0);
  }

  public static Rule atLeast(String metric, double threshold) {
    return new Rule(RuleKind.AT_LEAST, metric, Margin.ZERO, threshold, null, Double.NaN, 0);
  }

  public static Rule noRegressions(String metric, String tag, double passThreshold) {
    return new Rule(RuleKind.NO_REGRESSIONS, metric, Margin.ZERO, Double.NaN, tag, passThreshold, 0);
  }

  /** The margin or threshold as written, for reports. */
  public String marginText() {
    return switch (kind) {
      case SUPERIORITY, NON_INFERIORITY -> margin.toString();
      case AT_MOST, AT_LEAST -> java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
      case NO_REGRESSIONS -> "tag " + tag;
    };
  }

  /** A short label: {@code non_inferiority exact_match}. */
  public String label() {
    return kind.wire() + " " + metric;
  }
}
