package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.text.TerminalText;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a score command prints: the aggregate metrics, the number of examples (or topics) they are
 * over, and optionally the values of each example (or topic).
 *
 * <p>JSON: {@code {"metrics": {NAME: value}, "n": N}} plus {@code "per_example"} or {@code
 * "per_query"}, an object {@code {ID: {NAME: value}}} in input order; a NaN or infinite value is
 * {@code null}. Text: the count, one aligned line per metric (4 decimals), then a tab-separated
 * table of the per-item values.
 *
 * @param metrics aggregate value by metric name, in request order
 * @param n how many examples (topics) the aggregates are over
 * @param perKey {@code per_example} or {@code per_query}
 * @param perItem values by item id, or null when not asked
 */
record ScoreReport(Map<String, Double> metrics, int n, String perKey, Map<String, Map<String, Double>> perItem) {
  static final String PER_EXAMPLE = "per_example";
  static final String PER_QUERY = "per_query";

  ObjectNode json() {
    ObjectNode node = Json.object();
    node.set("metrics", RunViews.metrics(metrics));
    node.put("n", n);
    if (perItem != null) {
      ObjectNode per = node.putObject(perKey);
      perItem.forEach((id, values) -> per.set(id, RunViews.metrics(values)));
    }
    return node;
  }

  void print(PrintWriter out, OutputFormat format) {
    if (format == OutputFormat.json) {
      RunViews.printJson(out, json());
      return;
    }
    int width = Math.max(1, metrics.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.printf(Locale.ROOT, "%-" + width + "s  %d%n", "n", n);
    metrics.forEach((k, v) -> out.printf(Locale.ROOT, "%-" + width + "s  %s%n", k, RunViews.number(v)));
    if (perItem != null) {
      Set<String> columns = new LinkedHashSet<>();
      perItem.values().forEach(v -> columns.addAll(v.keySet()));
      out.println();
      String header = PER_QUERY.equals(perKey) ? "query" : "id";
      out.println(columns.isEmpty() ? header : header + "\t" + String.join("\t", columns));
      perItem.forEach((id, values) -> {
        StringBuilder line = new StringBuilder(TerminalText.escape(id));
        for (String c : columns) {
          line.append('\t').append(RunViews.number(values.get(c)));
        }
        out.println(line);
      });
    }
  }
}
