package dev.assay.report;

import dev.assay.gate.RunScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-slice results: for every tag {@code key=value}, the metric over the examples carrying it,
 * with intervals from {@link Intervals}. In a comparison only examples scored on both sides count,
 * so the slice's means and its difference rest on the same examples.
 *
 * <p>Tags are shown most informative first: keys with few values (2 to {@value #FEW_VALUES}),
 * fewest first, whose slices are large enough to say something; then keys with more values, whose
 * largest {@value #MAX_ROWS} slices are shown and the rest counted. A key with a single value (it
 * cuts nothing) or with a value per example (an id, not a factor) is not sliced, and {@link
 * #notSliced} says so.
 */
public final class Slices {
  /** Keys with at most this many values come first, every value shown in value order. */
  public static final int FEW_VALUES = 12;
  /** Slices shown per key at most; the rest are counted. */
  public static final int MAX_ROWS = 20;

  /**
   * The slices of one tag key.
   *
   * @param key the tag key
   * @param values how many distinct values the key has among the scored examples
   * @param rows the slices shown, in display order
   * @param omittedValues values not shown (the smallest slices of a key with many values)
   * @param omittedExamples examples in those slices
   */
  public record Key(String key, int values, List<SliceRow> rows, int omittedValues, long omittedExamples) {
    public Key {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The slices and the keys left out.
   *
   * @param keys keys that were sliced, most informative first
   * @param notSliced a phrase per key that was not, e.g. {@code doc_id (a value per example)}
   */
  public record Result(List<Key> keys, List<String> notSliced) {
    public Result {
      keys = List.copyOf(keys);
      notSliced = List.copyOf(notSliced);
    }

    /** Every row shown, key after key. */
    public List<SliceRow> rows() {
      List<SliceRow> out = new ArrayList<>();
      keys.forEach(k -> out.addAll(k.rows()));
      return out;
    }
  }

  private Slices() {}

  /**
   * Slices of {@code metric}.
   *
   * @param candidate null for a single-run report
   */
  public static Result of(DatasetView data, RunView baseline, RunView candidate, String metric, double confidence) {
    // key -> value -> (ids, baseline values, candidate values)
    Map<String, Map<String, Group>> groups = new TreeMap<>();
    RunScores b = baseline.scores();
    RunScores c = candidate == null ? null : candidate.scores();
    int examples = 0;
    for (String id : b.ids()) {
      Double bv = b.value(id, metric);
      Double cv = c == null ? null : c.value(id, metric);
      if (bv == null || (c != null && cv == null)) {
        continue;
      }
      examples++;
      for (Map.Entry<String, String> t : data.tags(id).entrySet()) {
        groups.computeIfAbsent(t.getKey(), k -> new TreeMap<>()).computeIfAbsent(t.getValue(), v -> new Group())
            .add(id, bv, cv == null ? Double.NaN : cv);
      }
    }
    List<Key> keys = new ArrayList<>();
    List<String> notSliced = new ArrayList<>();
    List<Map.Entry<String, Map<String, Group>>> ordered = new ArrayList<>(groups.entrySet());
    ordered.sort(Comparator.comparingInt((Map.Entry<String, Map<String, Group>> e) -> e.getValue().size() > FEW_VALUES
        ? 1 : 0).thenComparingInt(e -> e.getValue().size()).thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, Map<String, Group>> e : ordered) {
      Map<String, Group> values = e.getValue();
      long tagged = values.values().stream().mapToLong(g -> g.ids.size()).sum();
      if (values.size() == 1) {
        notSliced.add(e.getKey() + " (one value)");
        continue;
      }
      if (values.size() == tagged && tagged > FEW_VALUES) {
        notSliced.add(e.getKey() + " (a value per example)");
        continue;
      }
      List<Map.Entry<String, Group>> shown = new ArrayList<>(values.entrySet());
      if (values.size() > FEW_VALUES) {
        shown.sort(Comparator.comparingInt((Map.Entry<String, Group> x) -> -x.getValue().ids.size())
            .thenComparing(Map.Entry::getKey));
      }
      List<Map.Entry<String, Group>> rest = shown.subList(Math.min(MAX_ROWS, shown.size()), shown.size());
      long restExamples = rest.stream().mapToLong(x -> x.getValue().ids.size()).sum();
      List<SliceRow> rows = new ArrayList<>();
      for (Map.Entry<String, Group> x : shown.subList(0, Math.min(MAX_ROWS, shown.size()))) {
        rows.add(x.getValue().row(e.getKey(), x.getKey(), candidate != null, confidence));
      }
      keys.add(new Key(e.getKey(), values.size(), rows, rest.size(), restExamples));
    }
    notSliced.sort(null); // by key name: a sentence lists them, not a ranking
    return new Result(keys, notSliced);
  }

  /** The examples of one slice. */
  private static final class Group {
    final List<String> ids = new ArrayList<>();
    final List<double[]> pairs = new ArrayList<>();

    void add(String id, double baseline, double candidate) {
      ids.add(id);
      pairs.add(new double[] {baseline, candidate});
    }

    SliceRow row(String key, String value, boolean comparison, double confidence) {
      double[] bs = new double[pairs.size()];
      double[] cs = new double[pairs.size()];
      for (int i = 0; i < bs.length; i++) {
        bs[i] = pairs.get(i)[0];
        cs[i] = pairs.get(i)[1];
      }
      if (!comparison) {
        return new SliceRow(key, value, Intervals.mean(ids, bs, confidence), null, null);
      }
      // A comparison shows both means and the interval of their difference only.
      return new SliceRow(key, value, pointMean(bs), pointMean(cs), Intervals.difference(ids, bs, cs, confidence));
    }

    private static Estimate pointMean(double[] v) {
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return new Estimate(s / v.length, null, v.length, "none");
    }
  }
}
