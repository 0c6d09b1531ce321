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
 * of each example for display. A file of scores ({@code assay score ... --format json}, a JSONL
 * score file) is a view without a run: scores only, no header, outputs or latencies.
 */
public final class RunView {
  private final RunRecord run;
  private final String source;
  private final List<ExampleResult> results;
  private final RunScores scores;
  private final Map<String, ExampleResult> first = new HashMap<>();

  public RunView(RunRecord run, List<ExampleResult> results) {
    this(run, run.runId(), results, RunScores.of(run, results));
  }

  private RunView(RunRecord run, String source, List<ExampleResult> results, RunScores scores) {
    this.run = run;
    this.source = source;
    this.results = List.copyOf(results);
    this.scores = scores;
    for (ExampleResult r : this.results) {
      first.merge(r.id(), r, (a, b) -> a.repeat() <= b.repeat() ? a : b);
    }
  }

  /** The view of a comparison side: a run (stored or exported) or a score file. */
  public static RunView of(Side side) {
    return new RunView(side.run(), side.source(), side.results(), side.scores());
  }

  /** The run's header; null for a score file ({@link #hasRun()}). */
  public RunRecord run() {
    return run;
  }

  /** Whether this is a run (with a header, outputs, latencies), not a file of scores. */
  public boolean hasRun() {
    return run != null;
  }

  /** The system's name, or the score file's name. */
  public String name() {
    return run != null ? run.systemName() : java.nio.file.Path.of(source).getFileName().toString();
  }

  /** The metrics in the order the run's suite lists them (a score file: the file's order). */
  public List<String> metricOrder() {
    return run != null ? run.metrics() : scores.metrics();
  }

  public List<ExampleResult> results() {
    return results;
  }

  public RunScores scores() {
    return scores;
  }

  /** A short name for tables: {@code system (run id)}, or {@code scores FILE}. */
  public String label() {
    return run != null ? run.systemName() + " (" + run.runId() + ")" : "scores " + source;
  }

  /** The first repeat's result for an example, or null. */
  public ExampleResult result(String id) {
    return first.get(id);
  }

  /** What the system answered for an example, as display text (the error when it failed). */
  public String outputText(String id) {
    ExampleResult r = first.get(id);
    if (r == null) {
      return run == null ? "(a score file has no outputs)" : "(no result)";
    }
    if (r.output() == null) {
      return "(error) " + (r.error() == null ? "" : r.error());
    }
    return r.output().isTextual() ? r.output().textValue() : r.output().toString();
  }

  /** The notes the scores of an example carry (a judge's rationale), by metric; empty when none. */
  public Map<String, String> notes(String id) {
    ExampleResult r = first.get(id);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (r != null) {
      r.scores().forEach((metric, score) -> {
        if (score.note() != null && !score.note().isBlank()) {
          out.put(metric, score.note());
        }
      });
    }
    return out;
  }

    /** Latencies of every result that has one, sorted ascending. */
  public double[] sortedLatencies() {
    return results.stream().filter(r -> r.latencyMs() != null && Double.isFinite(r.latencyMs()))
        .mapToDouble(ExampleResult::latencyMs).sorted().toArray();
  }
}
