package dev.assay.gate;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One rule of a gate (docs/gates.md). Each kind carries exactly what it needs: no NaN or null
 * stands for "does not apply".
 */
public sealed interface Rule permits Rule.Paired, Rule.Threshold, Rule.NoRegressions {
  /** The rule names of gate files, in documentation order. */
  List<String> KINDS = List.of("superiority", "non_inferiority", "at_most", "at_least", "no_regressions");

  /** The metric the rule judges. */
  String metric();

  /** The line of the rule in its YAML file (0 when unknown). */
  int line();

  /** The rule's name in gate files: {@code superiority}, {@code at_most}... */
  String kind();

  /** The margin, threshold or tag as written, for reports. */
  String marginText();

  /** A short label: {@code non_inferiority exact_match}. */
  default String label() {
    return kind() + " " + metric();
  }

  /** Whether the rule is decided by an interval (and so takes part in multiplicity control). */
  default boolean statistical() {
    return !(this instanceof NoRegressions);
  }

  /** A rule on candidate minus baseline, with a margin: superiority or non-inferiority. */
  sealed interface Paired extends Rule permits Superiority, NonInferiority {
    Margin margin();

    @Override
    default String marginText() {
      return margin().toString();
    }
  }

  /** A rule on the candidate's value against a threshold: at_most or at_least. */
  sealed interface Threshold extends Rule permits AtMost, AtLeast {
    double threshold();

    /** Whether the value must lie at or above the threshold (at_least). */
    boolean atLeast();

    @Override
    default String marginText() {
      return BigDecimal.valueOf(threshold()).stripTrailingZeros().toPlainString();
    }
  }

  /** The candidate improves on the baseline by more than the margin (default 0). */
  record Superiority(String metric, Margin margin, int line) implements Paired {
    @Override
    public String kind() {
      return "superiority";
    }
  }

  /** The candidate is worse than the baseline by less than the margin. */
  record NonInferiority(String metric, Margin margin, int line) implements Paired {
    @Override
    public String kind() {
      return "non_inferiority";
    }
  }

  /** The candidate's value lies at or below a threshold: the interval's upper bound does. */
  record AtMost(String metric, double threshold, int line) implements Threshold {
    public AtMost {
      requireFinite(threshold);
    }

    @Override
    public String kind() {
      return "at_most";
    }

    @Override
    public boolean atLeast() {
      return false;
    }
  }

  /** The candidate's value lies at or above a threshold: the interval's lower bound does. */
  record AtLeast(String metric, double threshold, int line) implements Threshold {
    public AtLeast {
      requireFinite(threshold);
    }

    @Override
    public String kind() {
      return "at_least";
    }

    @Override
    public boolean atLeast() {
      return true;
    }
  }

  /**
   * No example tagged {@code tag} passes in the baseline and fails in the candidate.
   *
   * @param passThreshold the value at which an example passes; empty when the metric is 0/1 and 1
   *     means pass
   */
  record NoRegressions(String metric, String tag, OptionalDouble passThreshold, int line) implements Rule {
    @Override
    public String kind() {
      return "no_regressions";
    }

    @Override
    public String marginText() {
      return "tag " + tag;
    }

    /** Whether the rule protects an example with these tags. */
    public boolean protects(java.util.Map<String, String> tags) {
      return CriticalTags.matches(tag, tags);
    }
  }

  public static Superiority superiority(String metric, Margin margin) {
    return new Superiority(metric, margin, 0);
  }

  public static NonInferiority nonInferiority(String metric, Margin margin) {
    return new NonInferiority(metric, margin, 0);
  }

  public static AtMost atMost(String metric, double threshold) {
    return new AtMost(metric, threshold, 0);
  }

  public static AtLeast atLeast(String metric, double threshold) {
    return new AtLeast(metric, threshold, 0);
  }

  /** A no_regressions rule on a 0/1 metric (1 passes). */
  public static NoRegressions noRegressions(String metric, String tag) {
    return new NoRegressions(metric, tag, OptionalDouble.empty(), 0);
  }

  /** A no_regressions rule where an example passes at {@code passThreshold}. */
  public static NoRegressions noRegressions(String metric, String tag, double passThreshold) {
    return new NoRegressions(metric, tag, OptionalDouble.of(passThreshold), 0);
  }

  private static void requireFinite(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("a threshold must be finite, got " + v);
    }
  }
}
