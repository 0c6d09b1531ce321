package dev.assay.report;

import dev.assay.gate.Comparison;
import dev.assay.gate.ComparisonReport;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.GateResult;
import dev.assay.gate.Pairing;
import dev.assay.gate.RuleOutcome;
import dev.assay.gate.RunEstimate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a report shows, computed before rendering so renderers only format.
 *
 * @param baseline the run of a single-run report, or the baseline of a comparison
 * @param candidate the candidate, null for a single-run report
 * @param data the examples behind the runs (may be unavailable)
 * @param comparison the paired comparison, null for a single-run report
 * @param pairing the pairing behind {@code comparison} (per-example flips), null for a single-run report
 * @param gate the verdict, null without a gate
 * @param estimates a single-run report's metrics with their intervals (empty for a comparison)
 * @param confidence level of the report's own intervals (slices, single-run tables)
 * @param maxFlips how many flipped examples to show in full, at least 0
 */
public record ReportInput(RunView baseline, RunView candidate, DatasetView data, ComparisonReport comparison,
    Pairing pairing, GateResult gate, List<RunEstimate> estimates, double confidence, int maxFlips) {
  public ReportInput {
    if (maxFlips < 0) {
      throw new IllegalArgumentException("maxFlips must be >= 0, got " + maxFlips);
    }
    if ((candidate == null) != (comparison == null) || (comparison == null) != (pairing == null)) {
      throw new IllegalArgumentException("a comparison needs a candidate, its comparison report and its pairing");
    }
    estimates = List.copyOf(estimates);
  }

  /** The report of a comparison of two runs (stored or exported). */
  public static ReportInput of(ComparisonResult r, double confidence, int maxFlips) {
    return new ReportInput(RunView.of(r.baseline()), RunView.of(r.candidate()), DatasetView.of(r.dataset()),
        r.report(), r.pairing(), r.verdict(), List.of(), confidence, maxFlips);
  }

  /** The report of one run. */
  public static ReportInput single(RunView run, DatasetView data, List<RunEstimate> estimates, double confidence) {
    return new ReportInput(run, null, data, null, null, null, estimates, confidence, 0);
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
   * The metric flips and slices are judged on: the first gate rule's metric that has per-example
   * values, else the first suite metric that has them, else the first metric at all that has them;
   * null when none has (a report of corpus metrics only).
   */
  public String primaryMetric() {
    List<String> available = new ArrayList<>();
    for (String m : comparison != null ? comparison.comparisons().stream().map(Comparison::name).toList()
        : baseline.scores().metrics()) {
      if (!baseline.scores().idsWithValue(m).isEmpty()) {
        available.add(m);
      }
    }
    if (gate != null) {
      for (RuleOutcome r : gate.rules()) {
        if (available.contains(r.rule().metric())) {
          return r.rule().metric();
        }
      }
    }
    for (String m : (candidate != null ? candidate : baseline).metricOrder()) {
      if (available.contains(m)) {
        return m;
      }
    }
    return available.isEmpty() ? null : available.get(0);
  }
}
