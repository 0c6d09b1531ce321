package dev.assay.report;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.gate.RunScores;
import dev.assay.gate.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as a report sees it: the header, its per-example results, its scores and the first repeat
 * of each example for display.
 */
public final class RunView {
  private final RunRecord run;
  private final List<ExampleResult> results;
  private final RunScores scores;
  private final Map<String, ExampleResult> first = new HashMap<>();

  public RunView(RunRecord run, List<ExampleResult> results) {
    this(run, results, RunScores.of(run, results));
  }

  private RunView(RunRecord run, List<ExampleResult> results, RunScores scores) {
    this.run = run;
    this.results = List.copyOf(results);
    this.scores = scores;
    for (ExampleResult r : this.results) {
      first.merge(r.id(), r, (a, b) -> a.repeat() <= b.repeat() ? a : b);
    }
  }

  /** The view of a comparison side that is a run (stored or exported). */
  public static RunView of(Side side) {
    if (!side.hasRun()) {
      throw new IllegalArgumentException("a score file has no run to report: " + side.source());
    }
    return new RunView(side.run(), side.results(), side.scores());
  }

  public RunRecord run() {
    return run;
  }

  public List<ExampleResult> results() {
    return results;
  }

  public RunScores scores() {
    return scores;
  }

  /** A short name for tables: {@code system (run id)}. */
  public String label() {
    return run.systemName() + " (" + run.runId() + ")";
  }

  /** The first repeat's result for an example, or null. */
  public ExampleResult result(String id) {
    return first.get(id);
  }

  /** What the system answered for an example, as display text (the error when it failed). */
  public String outputText(String id) {
    ExampleResult r = first.get(id);
    if (r == null) {
      return "(no result)";
    }
    if (r.output() == null) {
      return "(error) " + (r.error() == null ? "" : r.error());
    }
    return r.output().isTextual() ? r.output().textValue() : r.output().toString();
  }

  /** The note a scorer gave an example's score of {@code metric} (a judge's rationale), or null. */
  public String note(String id, String metric) {
    ExampleResult r = first.get(id);
    var s = r == null ? null : r.scores().get(metric);
    return s == null ? null : s.note();
  }

  /** Latencies of every result that has one, sorted ascending. */
  public double[] sortedLatencies() {
    return results.stream().filter(r -> r.latencyMs() != null && Double.isFinite(r.latencyMs()))
        .mapToDouble(ExampleResult::latencyMs).sorted().toArray();
  }
}
