package dev.assay.report;

import dev.assay.gate.Comparison;
import dev.assay.gate.ComparisonReport;
import dev.assay.gate.GateResult;
import dev.assay.gate.Rule;
import dev.assay.gate.RuleResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a report shows, computed before rendering so renderers only format.
 *
 * @param baseline the run of a single-run report, or the baseline of a comparison
 * @param candidate the candidate, null for a single-run report
 * @param data the examples behind the runs (may be unavailable)
 * @param comparison the paired comparison, null for a single-run report
 * @param gate the verdict, null without a gate
 * @param confidence level of the report's own intervals (slices, single-run tables)
 * @param maxFlips how many flipped examples to show in full, at least 0
 */
public record ReportInput(RunView baseline, RunView candidate, DatasetView data, ComparisonReport comparison,
    GateResult gate, double confidence, int maxFlips) {
  public ReportInput {
    if (maxFlips < 0) {
      throw new IllegalArgumentException("maxFlips must be >= 0, got " + maxFlips);
    }
    if ((candidate == null) != (comparison == null)) {
      throw new IllegalArgumentException("a comparison needs both a candidate and its comparison report");
    }
  }

  /** Whether the verdict was reached under a plan made before the runs ({@link GateResult#plan()}). */
  public boolean preRegistered() {
    return gate != null && gate.plan().preRegistered();
  }

  public boolean isComparison() {
    return candidate != null;
  }

  /** Every run in the report: the baseline, then the candidate. */
  public List<RunView> runs() {
    List<RunView> out = new ArrayList<>();
    out.add(baseline);
    if (candidate != null) {
      out.add(candidate);
    }
    return out;
  }

  /**
   * The metric flips and slices are judged on: the first gate rule's metric, else the first suite
   * metric the report has, else the first metric at all; null when there is none.
   */
  public String primaryMetric() {
    List<String> available = comparison != null
        ? comparison.comparisons().stream().map(Comparison::metric).toList()
        : baseline.scores().metrics();
    if (gate != null) {
      for (RuleResult r : gate.rules()) {
        Rule rule = r.rule();
        if (available.contains(rule.metric())) {
          return rule.metric();
        }
      }
    }
    for (String m : (candidate != null ? candidate : baseline).run().metrics()) {
      if (available.contains(m)) {
        return m;
      }
    }
    return available.isEmpty() ? null : available.get(0);
  }
}
