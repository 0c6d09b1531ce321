package dev.assay.gate;

import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.text.Excerpt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of a comparison: the typed scores of each example, keyed by example id, in the side's
 * own order (dataset order for a run).
 *
 * <p>Invariants: each id holds one score map per scored result (several when the run repeats
 * examples); results where the system failed are left out, and so count as missing when pairing;
 * {@link #metrics()} lists every metric name in first-seen order. A run's results also carry two
 * intrinsic metrics, {@value #LATENCY} and {@value #COST}, where recorded (unless a metric of the
 * run has that name). Every score is of a magnitude a comparison can take ({@link ScoreRange}).
 */
public final class RunScores {
  /** Per-example latency of a run, as a metric (lower is better). */
  public static final String LATENCY = "latency_ms";
  /** Per-example cost of a run, as a metric when the run recorded costs (lower is better). */
  public static final String COST = "cost";

  private final String source;
  private final RunRecord run;
  private final Map<String, List<Map<String, Score>>> rows;
  private final List<String> metrics;
  /** Position of each id in {@link #ids()} order. */
  private final Map<String, Integer> position;
  /**
   * Per metric, built on first use: each example's scores and value by position. A comparison
   * asks for the same metric's scores and values of every example several times (pairing, the
   * metric's own value, slices, flips), and a column answers each with one lookup instead of a
   * walk over the example's score maps.
   */
  private final Map<String, Column> columns = new java.util.concurrent.ConcurrentHashMap<>();

  /** One metric's scores and per-example values, by position in {@link #ids()} order. */
  private record Column(List<Score>[] scores, Double[] values) {}

  /**
   * @param source names the side in messages and outputs (a run id or a file)
   * @param run the side's run record, or null for a score file
   * @param rows per example id, in the side's order, the score maps of its scored results
   * @throws InputException naming the source, the example and the metric of a score beyond {@link
   *     ScoreRange}
   */
  public RunScores(String source, RunRecord run, Map<String, List<Map<String, Score>>> rows) {
    this(source, run, rows, false);
  }

  /** @param owned whether {@code rows} and its maps are new and referenced by nobody else (no copy needed) */
  private RunScores(String source, RunRecord run, Map<String, List<Map<String, Score>>> rows, boolean owned) {
    this.source = source;
    this.run = run;
    Map<String, List<Map<String, Score>>> copy = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    rows.forEach((id, results) -> {
      List<Map<String, Score>> list = new ArrayList<>(results.size());
      for (Map<String, Score> r : results) {
        r.forEach((metric, score) -> {
          String problem = ScoreRange.problem(score);
          if (problem != null) {
            throw new InputException(run == null ? source : "run " + source, 0, metric, "example '" + Excerpt.cut(id, 80) + "': " + problem,
                ScoreRange.EXPECTED);
          }
        });
        names.addAll(r.keySet());
        list.add(Collections.unmodifiableMap(owned ? r : new LinkedHashMap<>(r)));
      }
      copy.put(id, Collections.unmodifiableList(list));
    });
    this.rows = Collections.unmodifiableMap(copy);
    this.metrics = List.copyOf(names);
    this.position = new HashMap<>(copy.size() * 4 / 3 + 1);
    for (String id : copy.keySet()) {
      position.put(id, position.size());
    }
  }

  /** The position of {@code id} in {@link #ids()} order, or -1 when this side has no such example. */
  int position(String id) {
    Integer i = position.get(id);
    return i == null ? -1 : i;
  }

  private Column column(String metric) {
    return columns.computeIfAbsent(metric, this::buildColumn);
  }

  @SuppressWarnings("unchecked")
  private Column buildColumn(String metric) {
    List<Score>[] scores = new List[rows.size()];
    Double[] values = new Double[rows.size()];
    int i = 0;
    for (List<Map<String, Score>> results : rows.values()) {
      List<Score> out = results.size() == 1 ? null : new ArrayList<>(results.size());
      Score only = null;
      for (Map<String, Score> r : results) {
        Score s = r.get(metric);
        if (s != null) {
          if (out == null) {
            only = s;
          } else {
            out.add(s);
          }
        }
      }
      List<Score> list = out != null ? Collections.unmodifiableList(out) : only == null ? List.of() : List.of(only);
      scores[i] = list;
      // The mean over results in result order, as it always was computed.
      double sum = 0;
      int n = 0;
      for (Score s : list) {
        if (s.hasValue()) {
          sum += s.value();
          n++;
        }
      }
      values[i] = n == 0 ? null : sum / n;
      i++;
    }
    return new Column(scores, values);
  }

  /** The scored results of a run (results whose system failed are left out). */
  public static RunScores of(RunRecord run, List<ExampleResult> results) {
    Set<String> declared = new LinkedHashSet<>();
    Map<String, List<Map<String, Score>>> rows = new LinkedHashMap<>();
    for (ExampleResult r : results) {
      if (!r.ok()) {
        continue;
      }
      declared.addAll(r.scores().keySet());
      Map<String, Score> row = new LinkedHashMap<>(r.scores());
      if (r.latencyMs() != null && Double.isFinite(r.latencyMs()) && !r.scores().containsKey(LATENCY)) {
        row.put(LATENCY, Score.of(r.latencyMs()));
      }
      if (r.cost() != null && Double.isFinite(r.cost()) && !r.scores().containsKey(COST)) {
        row.put(COST, Score.of(r.cost()));
      }
      rows.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(row);
    }
    return new RunScores(run.runId(), run, rows, true);
  }

  public String source() {
    return source;
  }

  /** The run behind this side, or null for a score file. */
  public RunRecord run() {
    return run;
  }

  /** Example ids in the side's order. */
  public Set<String> ids() {
    return rows.keySet();
  }

  public int size() {
    return rows.size();
  }

  /** Metric names, first-seen order. */
  public List<String> metrics() {
    return metrics;
  }

  /** The scores of {@code metric} in the results of example {@code id} (empty when none; unmodifiable). */
  public List<Score> scores(String id, String metric) {
    Integer i = position.get(id);
    return i == null ? List.of() : column(metric).scores()[i];
  }

  /** Every score of {@code metric}, in the side's order (examples, then their results). */
  public List<Score> allScores(String metric) {
    List<Score> out = new ArrayList<>();
    for (List<Score> s : column(metric).scores()) {
      out.addAll(s);
    }
    return out;
  }

  /**
   * The per-example value of {@code metric} for example {@code id}: the mean over its results
   * (repeats); null when no result has a value.
   */
  public Double value(String id, String metric) {
    Integer i = position.get(id);
    return i == null ? null : column(metric).values()[i];
  }

  /** Ids that have a per-example value of {@code metric}, in the side's order. */
  public List<String> idsWithValue(String metric) {
    Double[] values = column(metric).values();
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String id : rows.keySet()) {
      if (values[i++] != null) {
        out.add(id);
      }
    }
    return out;
  }

  /** Whether any score of {@code metric} carries statistics or labels (what corpus metrics need). */
  public boolean hasStatistics(String metric) {
    for (List<Map<String, Score>> results : rows.values()) {
      for (Map<String, Score> r : results) {
        Score s = r.get(metric);
        if (s != null && (s.statisticCount() > 0 || !s.labels().isEmpty())) {
          return true;
        }
      }
    }
    return false;
  }
}
