package dev.assay.registry.scorecard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.util.List;

/**
 * One figure of the scorecard: a value with its interval or bound, what it means and where it
 * comes from.
 *
 * @param id a stable key ({@code lift}, {@code latency_p95}, {@code reproducibility.lineage})
 * @param label for people
 * @param value the figure, NaN when it cannot be computed (then {@code note} says why)
 * @param unit {@code ""}, {@code "ms"}, {@code "share"}, {@code "per week"}...
 * @param lower the interval's lower end, NaN when none
 * @param upper the interval's upper end or the upper confidence bound, NaN when none
 * @param definition how the figure is computed, in one or two sentences
 * @param sources the ids of what it was computed from (runs, verdicts, plans, moves, files)
 * @param note a remark (why there is no value, what was left out), or null
 */
public record Figure(String id, String label, double value, String unit, double lower, double upper,
    String definition, List<String> sources, String note) {
  public Figure {
    sources = List.copyOf(sources);
  }

  /** A figure without interval. */
  public static Figure of(String id, String label, double value, String unit, String definition,
      List<String> sources, String note) {
    return new Figure(id, label, value, unit, Double.NaN, Double.NaN, definition, sources, note);
  }

  public boolean hasValue() {
    return Double.isFinite(value);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("label", label);
    number(o, "value", value);
    o.put("unit", unit);
    if (Double.isFinite(lower) || Double.isFinite(upper)) {
      ObjectNode i = o.putObject("interval");
      number(i, "lower", lower);
      number(i, "upper", upper);
    } else {
      o.putNull("interval");
    }
    o.put("definition", definition);
    ArrayNode s = o.putArray("sources");
    sources.forEach(s::add);
    o.put("note", note);
    return o;
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
