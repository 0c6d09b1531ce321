package dev.assay.monitor.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.monitor.drift.ColumnDrift;
import dev.assay.monitor.drift.DriftReport;
import java.util.List;

/**
 * Drift reports as JSON: {@code {"drift": bool, "reports": [{reference, current, window, rows,
 * q, hypotheses, drifted_columns, new_columns, results: [...]}, ...]}}, one report per window.
 */
public final class DriftJson {
  private DriftJson() {}

  public static ObjectNode of(List<DriftReport> reports) {
    ObjectNode root = Json.object();
    root.put("drift", reports.stream().anyMatch(DriftReport::drifted));
    ArrayNode arr = root.putArray("reports");
    for (DriftReport r : reports) {
      arr.add(report(r));
    }
    return root;
  }

  static ObjectNode report(DriftReport r) {
    ObjectNode o = Json.object();
    o.put("reference", r.reference());
    o.put("current", r.current());
    if (r.window() != null) {
      o.put("window", r.window());
    }
    o.put("reference_rows", r.referenceRows());
    o.put("current_rows", r.currentRows());
    o.put("q", r.q());
    o.put("correction", "benjamini-hochberg");
    o.put("hypotheses", r.hypotheses());
    o.put("drift", r.drifted());
    ArrayNode dc = o.putArray("drifted_columns");
    r.driftedColumns().stream().map(ColumnDrift::column).distinct().forEach(dc::add);
    ArrayNode nc = o.putArray("new_columns");
    r.newColumns().forEach(nc::add);
    ArrayNode res = o.putArray("results");
    for (ColumnDrift d : r.results()) {
      ObjectNode j = res.addObject();
      j.put("column", d.column());
      j.put("type", d.type());
      j.put("aspect", d.aspect());
      if (d.test() != null) {
        j.put("test", d.test());
      }
      Numbers.put(j, "statistic", d.statistic());
      Numbers.put(j, "p_value", d.pValue());
      Numbers.put(j, "adjusted_p", d.adjustedP());
      j.put("effect", d.effect());
      Numbers.put(j, "effect_size", d.effectSize());
      Numbers.put(j, "threshold", d.threshold());
      j.put("drifted", d.drifted());
      ObjectNode det = j.putObject("details");
      d.details().forEach((k, v) -> Numbers.put(det, k, v));
      if (d.note() != null) {
        j.put("note", d.note());
      }
    }
    return o;
  }
}
