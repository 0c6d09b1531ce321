package dev.assay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How runs are shown on stdout: one place for the text and the JSON forms. */
final class RunViews {
  private RunViews() {}

  /** The summary of a run: ids, status, counts and aggregates (NaN as null). */
  static ObjectNode summary(RunRecord run) {
    ObjectNode n = Json.object();
    n.put("run_id", run.runId());
    n.put("suite", run.suiteName());
    n.put("system", run.systemName());
    n.put("status", run.status().wire());
    n.put("started_at", run.startedAt().toString());
    n.put("ended_at", run.endedAt() == null ? null : run.endedAt().toString());
    n.put("dataset_hash", run.datasetHash());
    n.put("n", run.expectedResults());
    ObjectNode counts = n.putObject("counts");
    counts.put("ok", run.counts().ok());
    counts.put("error", run.counts().error());
    if (!run.counts().metricErrors().isEmpty()) {
      ObjectNode per = counts.putObject("metric_errors");
      run.counts().metricErrors().forEach(per::put);
    }
    if (run.failure() != null) {
      n.put("failure", run.failure());
    }
    n.set("metrics", metrics(run.aggregates()));
    return n;
  }

  static ObjectNode metrics(Map<String, Double> aggregates) {
    ObjectNode m = Json.object();
    aggregates.forEach((k, v) -> {
      if (v == null || v.isNaN() || v.isInfinite()) {
        m.putNull(k);
      } else {
        m.put(k, v);
      }
    });
    return m;
  }

  static ArrayNode summaries(List<RunRecord> runs) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    runs.forEach(r -> a.add(summary(r)));
    return a;
  }

  static void printJson(PrintWriter out, JsonNode node) {
    try {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Text form: a header line per run, then one line per metric. */
  static void printText(PrintWriter out, RunRecord run) {
    String took = run.endedAt() == null ? "" : "  " + human(Duration.between(run.startedAt(), run.endedAt()));
    // Suite, system and metric names come from files: escape them, as every name printed to a terminal.
    out.printf(Locale.ROOT, "run %s  suite %s  system %s  %s  ok %d  error %d%s%n", run.runId(),
        TerminalText.escape(run.suiteName()), TerminalText.escape(run.systemName()), run.status().wire(), run.counts().ok(),
        run.counts().error(), took);
    run.counts().metricErrors().forEach((m, k) -> out.printf(Locale.ROOT, "  metric %s failed on %s%n",
        TerminalText.escape(m), Plural.of(k, "result")));
    if (run.failure() != null) {
      out.println("  failed: " + TerminalText.escape(run.failure()));
    }
    if (run.datasetLeftOut() > 0) {
      out.printf(Locale.ROOT, "  %d of %d queries have no judgments in the qrels and are left out of the means "
          + "(dataset.all_topics: true counts them as 0)%n", run.datasetLeftOut(), run.datasetLeftOut() + run.datasetSize());
    }
    int width = run.aggregates().keySet().stream().mapToInt(k -> TerminalText.escape(k).length()).max().orElse(0);
    run.aggregates().forEach((k, v) -> out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", TerminalText.escape(k),
        number(v)));
  }

  static String number(Double v) {
    if (v == null || v.isNaN()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
