package dev.assay.report;

import dev.assay.gate.RunScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-slice results: for every tag {@code key=value}, the metric over the examples carrying it,
 * with intervals from {@link Intervals}. In a comparison only examples scored on both sides count,
 * so the slice's means and its difference rest on the same examples.
 */
public final class Slices {
  private Slices() {}

  /**
   * Slices of {@code metric}, sorted by key then value.
   *
   * @param candidate null for a single-run report
   */
  public static List<SliceRow> of(DatasetView data, RunView baseline, RunView candidate, String metric,
      double confidence) {
    Map<String, List<double[]>> groups = new java.util.TreeMap<>();
    RunScores b = baseline.scores();
    RunScores c = candidate == null ? null : candidate.scores();
    for (String id : b.ids()) {
      Double bv = b.value(id, metric);
      Double cv = c == null ? null : c.value(id, metric);
      if (bv == null || (c != null && cv == null)) {
        continue;
      }
      for (Map.Entry<String, String> t : data.tags(id).entrySet()) {
        groups.computeIfAbsent(t.getKey() + "\u0000" + t.getValue(), k -> new ArrayList<>())
            .add(new double[] {bv, cv == null ? Double.NaN : cv});
      }
    }
    List<SliceRow> rows = new ArrayList<>();
    Map<String, List<double[]>> ordered = new LinkedHashMap<>(groups);
    ordered.forEach((k, pairs) -> {
      int cut = k.indexOf('\u0000');
      double[] bs = new double[pairs.size()];
      double[] cs = new double[pairs.size()];
      for (int i = 0; i < bs.length; i++) {
        bs[i] = pairs.get(i)[0];
        cs[i] = pairs.get(i)[1];
      }
      Estimate be = Intervals.mean(bs, confidence);
      Estimate ce = candidate == null ? null : Intervals.mean(cs, confidence);
      Estimate d = candidate == null ? null : Intervals.difference(bs, cs, confidence);
      rows.add(new SliceRow(k.substring(0, cut), k.substring(cut + 1), be, ce, d));
    });
    return rows;
  }
}
