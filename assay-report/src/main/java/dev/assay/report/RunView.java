package dev.assay.report;

import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.gate.ScoreTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as a report sees it: the header, its per-example results, its score table (repeats
 * averaged) and the first repeat of each example for display.
 */
public final class RunView {
  private final RunRecord run;
  private final List<ExampleResult> results;
  private final ScoreTable scores;
  private final Map<String, ExampleResult> first = new HashMap<>();

  public RunView(RunRecord run, List<ExampleResult> results) {
    this.run = run;
    this.results = List.copyOf(results);
    this.scores = ScoreTable.fromResults(run.runId(), this.results);
    for (ExampleResult r : this.results) {
      first.merge(r.id(), r, (a, b) -> a.repeat() <= b.repeat() ? a : b);
    }
  }

  public RunRecord run() {
    return run;
  }

  public List<ExampleResult> results() {
    return results;
  }

  public ScoreTable scores() {
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

  /** Latencies of every result that has one, sorted ascending. */
  public double[] sortedLatencies() {
    return results.stream().filter(r -> r.latencyMs() != null && Double.isFinite(r.latencyMs()))
        .mapToDouble(ExampleResult::latencyMs).sorted().toArray();
  }
}
