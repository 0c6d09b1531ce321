package dev.assay.gate;

import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.text.Excerpt;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of a comparison: the typed scores of each example, keyed by example id, in the side's
 * own order (dataset order for a run).
 *
 * <p>Invariants: each id holds the scores of each of its scored results (several when the run
 * repeats examples), in result order; results where the system failed are left out, and so count
 * as missing when pairing; {@link #metrics()} lists every metric name in first-seen order (examples
 * in the side's order, then their results); an example's value of a metric is the mean of the
 * values its results have. A run's results also carry two intrinsic metrics, {@value #LATENCY} and
 * {@value #COST}, where recorded (unless a result has a metric of that name). Every score is of a
 * magnitude a comparison can take ({@link ScoreRange}).
 *
 * <p>Held column-wise, built once: per metric, each result's score (the caller's {@link Score}
 * objects, shared, not copied) and each example's value in a {@code double[]} (NaN for none); ids
 * are found by binary search over a sorted index. A 100,000-example side thus holds a few arrays
 * per metric instead of a map per result.
 */
public final class RunScores {
  /** Per-example latency of a run, as a metric (lower is better). */
  public static final String LATENCY = "latency_ms";
  /** Per-example cost of a run, as a metric when the run recorded costs (lower is better). */
  public static final String COST = "cost";

  private final String source;
  private final RunRecord run;
  /** Example ids by position (the side's order). */
  private final String[] ids;
  /** The results of the example at position p are {@code first[p]} up to {@code first[p + 1]} (exclusive). */
  private final int[] first;
  /** Positions in ascending id order ({@link String#compareTo}). */
  private final int[] byId;
  /** Per metric, first-seen order. */
  private final Map<String, Column> columns;
  private final List<String> metrics;
  private final Set<String> idSet = new IdSet();

  /**
   * One metric of the side.
   *
   * @param scores by result (examples in position order, then their results); null where a result
   *     has no score of the metric
   * @param values by position: the mean of the example's result values, NaN when none has a value
   */
  private record Column(Score[] scores, double[] values) {}

  /**
   * @param source names the side in messages and outputs (a run id or a file)
   * @param run the side's run record, or null for a score file
   * @param rows per example id, in the side's order, the score maps of its scored results
   * @throws InputException naming the source, the example and the metric of a score beyond {@link
   *     ScoreRange}
   */
  public RunScores(String source, RunRecord run, Map<String, List<Map<String, Score>>> rows) {
    this(source, run, Results.of(rows));
  }

  /** The scored results of a run (results whose system failed are left out). */
  public static RunScores of(RunRecord run, List<ExampleResult> results) {
    return new RunScores(run.runId(), run, Results.of(results));
  }

  private RunScores(String source, RunRecord run, Results in) {
    this.source = source;
    this.run = run;
    int count = in.ids.length;
    // Group results by id with one stable sort: each group's results stay in result order, the
    // groups come out in id order (the index), and a walk in result order meets each group first
    // where its id is first seen (the side's order).
    Integer[] sorted = new Integer[count];
    for (int r = 0; r < count; r++) {
      sorted[r] = r;
    }
    String[] rid = in.ids;
    Arrays.sort(sorted, (a, b) -> rid[a].compareTo(rid[b]));
    int[] groupOf = new int[count];
    int[] groupStart = new int[count + 1];
    int groups = 0;
    for (int k = 0; k < count; k++) {
      if (k == 0 || !rid[sorted[k]].equals(rid[sorted[k - 1]])) {
        groupStart[groups++] = k;
      }
      groupOf[sorted[k]] = groups - 1;
    }
    groupStart[groups] = count;
    int[] positionOf = new int[groups];
    Arrays.fill(positionOf, -1);
    int[] groupAt = new int[groups];
    int n = 0;
    for (int r = 0; r < count; r++) {
      int g = groupOf[r];
      if (positionOf[g] < 0) {
        positionOf[g] = n;
        groupAt[n++] = g;
      }
    }
    this.ids = new String[n];
    this.first = new int[n + 1];
    int[] resultAt = new int[count];
    for (int p = 0; p < n; p++) {
      int g = groupAt[p];
      ids[p] = rid[sorted[groupStart[g]]];
      first[p + 1] = first[p] + groupStart[g + 1] - groupStart[g];
      for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
        resultAt[first[p] + k - groupStart[g]] = sorted[k];
      }
    }
    this.byId = positionOf; // groups are in id order

    Map<String, Score[]> scores = new LinkedHashMap<>();
    for (int p = 0; p < n; p++) {
      for (int f = first[p]; f < first[p + 1]; f++) {
        int r = resultAt[f];
        Map<String, Score> own = in.scores.get(r);
        for (Map.Entry<String, Score> e : own.entrySet()) {
          put(scores, e.getKey(), f, e.getValue(), p, count);
        }
        if (!Double.isNaN(in.latency[r]) && !own.containsKey(LATENCY)) {
          put(scores, LATENCY, f, Score.of(in.latency[r]), p, count);
        }
        if (!Double.isNaN(in.cost[r]) && !own.containsKey(COST)) {
          put(scores, COST, f, Score.of(in.cost[r]), p, count);
        }
      }
    }
    Map<String, Column> built = new LinkedHashMap<>();
    scores.forEach((metric, byResult) -> built.put(metric, new Column(byResult, means(byResult))));
    this.columns = Collections.unmodifiableMap(built);
    this.metrics = List.copyOf(built.keySet());
  }

  private void put(Map<String, Score[]> scores, String metric, int result, Score score, int position, int count) {
    String problem = ScoreRange.problem(score);
    if (problem != null) {
      throw new InputException(run == null ? source : "run " + source, 0, metric,
          "example '" + Excerpt.cut(ids[position], 80) + "': " + problem, ScoreRange.EXPECTED);
    }
    scores.computeIfAbsent(metric, m -> new Score[count])[result] = score;
  }

  /** Each example's mean over its results' values, in result order (as it always was computed); NaN when none. */
  private double[] means(Score[] byResult) {
    double[] values = new double[ids.length];
    for (int p = 0; p < ids.length; p++) {
      double sum = 0;
      int k = 0;
      for (int f = first[p]; f < first[p + 1]; f++) {
        Score s = byResult[f];
        if (s != null && s.hasValue()) {
          sum += s.value();
          k++;
        }
      }
      values[p] = k == 0 ? Double.NaN : sum / k;
    }
    return values;
  }

  /**
   * The scored results a side is built from, in input order: each result's id, own scores, and
   * intrinsic latency and cost (NaN when none).
   */
  private record Results(String[] ids, List<Map<String, Score>> scores, double[] latency, double[] cost) {
    static Results of(List<ExampleResult> results) {
      int ok = 0;
      for (ExampleResult r : results) {
        ok += r.ok() ? 1 : 0;
      }
      Results out = new Results(new String[ok], new ArrayList<>(ok), new double[ok], new double[ok]);
      int i = 0;
      for (ExampleResult r : results) {
        if (r.ok()) {
          out.ids[i] = r.id();
          out.scores.add(r.scores());
          out.latency[i] = finiteOrNaN(r.latencyMs());
          out.cost[i] = finiteOrNaN(r.cost());
          i++;
        }
      }
      return out;
    }

    static Results of(Map<String, List<Map<String, Score>>> rows) {
      int count = 0;
      for (List<Map<String, Score>> results : rows.values()) {
        count += Math.max(1, results.size());
      }
      Results out = new Results(new String[count], new ArrayList<>(count), new double[count], new double[count]);
      Arrays.fill(out.latency, Double.NaN);
      Arrays.fill(out.cost, Double.NaN);
      int i = 0;
      for (Map.Entry<String, List<Map<String, Score>>> e : rows.entrySet()) {
        // An id without results still belongs to the side (with no scores): one empty result keeps it.
        for (Map<String, Score> r : e.getValue().isEmpty() ? List.of(Map.<String, Score>of()) : e.getValue()) {
          out.ids[i++] = e.getKey();
          out.scores.add(r);
        }
      }
      return out;
    }

    private static double finiteOrNaN(Double v) {
      return v != null && Double.isFinite(v) ? v : Double.NaN;
    }
  }

  /** The position of {@code id} in {@link #ids()} order, or -1 when this side has no such example. */
  int position(String id) {
    int lo = 0;
    int hi = byId.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = ids[byId[mid]].compareTo(id);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return byId[mid];
      }
    }
    return -1;
  }

  /**
   * The ids both sides have, in ascending id order, with their positions on each side: {@code
   * [0]} on this side, {@code [1]} on {@code other} (a merge of the two sorted indexes).
   */
  int[][] sharedPositions(RunScores other) {
    int[] mine = new int[Math.min(ids.length, other.ids.length)];
    int[] theirs = new int[mine.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < byId.length && j < other.byId.length) {
      int c = ids[byId[i]].compareTo(other.ids[other.byId[j]]);
      if (c < 0) {
        i++;
      } else if (c > 0) {
        j++;
      } else {
        mine[n] = byId[i++];
        theirs[n++] = other.byId[j++];
      }
    }
    return new int[][] {Arrays.copyOf(mine, n), Arrays.copyOf(theirs, n)};
  }

  /** The id at {@code position}. */
  String id(int position) {
    return ids[position];
  }

  /**
   * The per-example values of {@code metric} by position, NaN where an example has none; null when
   * the side has no such metric. The array is this side's own: callers only read it.
   */
  double[] valuesByPosition(String metric) {
    Column c = columns.get(metric);
    return c == null ? null : c.values();
  }

  /** The scores of {@code metric} in the results of the example at {@code position} (empty when none; unmodifiable). */
  List<Score> scoresAt(int position, String metric) {
    Column c = columns.get(metric);
    if (c == null) {
      return List.of();
    }
    Score[] s = c.scores();
    int from = first[position];
    int to = first[position + 1];
    if (to - from == 1) {
      return s[from] == null ? List.of() : List.of(s[from]);
    }
    List<Score> out = new ArrayList<>(to - from);
    for (int f = from; f < to; f++) {
      if (s[f] != null) {
        out.add(s[f]);
      }
    }
    return Collections.unmodifiableList(out);
  }

  public String source() {
    return source;
  }

  /** The run behind this side, or null for a score file. */
  public RunRecord run() {
    return run;
  }

  /** Example ids in the side's order (unmodifiable). */
  public Set<String> ids() {
    return idSet;
  }

  public int size() {
    return ids.length;
  }

  /** Metric names, first-seen order. */
  public List<String> metrics() {
    return metrics;
  }

  /** The scores of {@code metric} in the results of example {@code id} (empty when none; unmodifiable). */
  public List<Score> scores(String id, String metric) {
    int p = position(id);
    return p < 0 ? List.of() : scoresAt(p, metric);
  }

  /** Every score of {@code metric}, in the side's order (examples, then their results). */
  public List<Score> allScores(String metric) {
    Column c = columns.get(metric);
    List<Score> out = new ArrayList<>();
    if (c != null) {
      for (Score s : c.scores()) {
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /**
   * The per-example value of {@code metric} for example {@code id}: the mean over its results
   * (repeats); null when no result has a value.
   */
  public Double value(String id, String metric) {
    double[] values = valuesByPosition(metric);
    int p = values == null ? -1 : position(id);
    return p < 0 || Double.isNaN(values[p]) ? null : values[p];
  }

  /** Ids that have a per-example value of {@code metric}, in the side's order. */
  public List<String> idsWithValue(String metric) {
    double[] values = valuesByPosition(metric);
    List<String> out = new ArrayList<>();
    for (int p = 0; values != null && p < ids.length; p++) {
      if (!Double.isNaN(values[p])) {
        out.add(ids[p]);
      }
    }
    return out;
  }

  /** Whether any score of {@code metric} carries statistics or labels (what corpus metrics need). */
  public boolean hasStatistics(String metric) {
    Column c = columns.get(metric);
    if (c != null) {
      for (Score s : c.scores()) {
        if (s != null && (s.statisticCount() > 0 || !s.labels().isEmpty())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The ids as a set: in the side's order, membership by the sorted index. */
  private final class IdSet extends AbstractSet<String> {
    @Override
    public Iterator<String> iterator() {
      return Collections.unmodifiableList(Arrays.asList(ids)).iterator();
    }

    @Override
    public int size() {
      return ids.length;
    }

    @Override
    public boolean contains(Object o) {
      return o instanceof String s && position(s) >= 0;
    }
  }
}
