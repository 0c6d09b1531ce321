package dev.assay.gate;

import dev.assay.core.ExampleResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of a comparison: per-example metric values keyed by example id.
 *
 * <p>Invariants: one row per example id (repeats of an example are already averaged, key by key,
 * over the repeats that scored it); every value is finite; {@link #metrics()} lists the metric
 * names in first-seen order and excludes internal keys containing {@code #} (corpus-metric
 * sufficient statistics), which stay in the rows.
 */
public final class ScoreTable {
  /** Per-example latency of a run, added as a metric (lower is better). */
  public static final String LATENCY = "latency_ms";
  /** Per-example cost of a run, added as a metric when the run recorded costs. */
  public static final String COST = "cost";

  private final String source;
  private final Map<String, Map<String, Double>> rows;
  private final List<String> metrics;

  /**
   * @param source names the side in messages (a run id or a file)
   * @param rows per-example values by id, in the side's order
   */
  public ScoreTable(String source, Map<String, Map<String, Double>> rows) {
    this.source = source;
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    rows.forEach((id, values) -> {
      values.forEach((k, v) -> {
        if (v == null || !Double.isFinite(v)) {
          throw new IllegalArgumentException("value of '" + k + "' for example '" + id + "' is not finite");
        }
        if (!isInternal(k)) {
          names.add(k);
        }
      });
      copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    });
    this.rows = Collections.unmodifiableMap(copy);
    this.metrics = List.copyOf(names);
  }

  /**
   * The per-example values of a run: its scores, plus {@value #LATENCY} and {@value #COST} where
   * recorded. Results that errored carry no scores and are left out; repeats are averaged.
   */
  public static ScoreTable fromResults(String source, List<ExampleResult> results) {
    Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
    for (ExampleResult r : results) {
      if (!r.ok()) {
        continue;
      }
      Map<String, double[]> row = sums.computeIfAbsent(r.id(), k -> new LinkedHashMap<>());
      r.scores().forEach((k, v) -> add(row, k, v));
      add(row, LATENCY, r.latencyMs());
      add(row, COST, r.cost());
    }
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    sums.forEach((id, row) -> {
      Map<String, Double> means = new LinkedHashMap<>();
      row.forEach((k, s) -> means.put(k, s[0] / s[1]));
      rows.put(id, means);
    });
    return new ScoreTable(source, rows);
  }

  private static void add(Map<String, double[]> row, String key, Double value) {
    if (value != null && Double.isFinite(value)) {
      double[] s = row.computeIfAbsent(key, k -> new double[2]);
      s[0] += value;
      s[1] += 1;
    }
  }

  /** Whether a key is an internal per-example statistic rather than a metric. */
  public static boolean isInternal(String key) {
    return key.indexOf('#') >= 0;
  }

  public String source() {
    return source;
  }

  /** Example ids in the side's order. */
  public Set<String> ids() {
    return rows.keySet();
  }

  public int size() {
    return rows.size();
  }

  /** Metric names (no internal keys), first-seen order. */
  public List<String> metrics() {
    return metrics;
  }

  /** The values of one example (empty when the id is absent). */
  public Map<String, Double> row(String id) {
    return rows.getOrDefault(id, Map.of());
  }

  /** The value of a metric for an example, or null when absent. */
  public Double value(String id, String metric) {
    return row(id).get(metric);
  }

  /** Ids that have a value for {@code metric}. */
  public List<String> idsWith(String metric) {
    List<String> out = new ArrayList<>();
    rows.forEach((id, row) -> {
      if (row.containsKey(metric)) {
        out.add(id);
      }
    });
    return out;
  }
}
