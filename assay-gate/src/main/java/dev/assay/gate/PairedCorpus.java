package dev.assay.gate;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The paired sufficient statistics of one corpus-level metric: for each example both sides
 * scored, the baseline's and the candidate's statistics vector (stored with the run under {@code
 * METRIC#0 .. METRIC#k-1}), aligned by position and sorted by id.
 *
 * <p>Invariants: {@code ids}, {@code baseline} and {@code candidate} have the same length, at
 * least 1; every vector has length {@code formula.dimension()}; {@code clusterKeys} is null or
 * holds one non-null key per id. The corpus value of a side is {@code formula} of its summed
 * vectors, the same computation as the scorer's own corpus value.
 */
public record PairedCorpus(String metric, CorpusStatistic formula, List<String> ids, List<double[]> baseline,
    List<double[]> candidate, List<String> clusterKeys) {
  public PairedCorpus {
    ids = List.copyOf(ids);
    baseline = List.copyOf(baseline);
    candidate = List.copyOf(candidate);
    clusterKeys = clusterKeys == null ? null : List.copyOf(clusterKeys);
    if (ids.isEmpty() || baseline.size() != ids.size() || candidate.size() != ids.size()
        || clusterKeys != null && clusterKeys.size() != ids.size()) {
      throw new IllegalArgumentException("paired statistics of '" + metric + "' are empty or misaligned");
    }
  }

  public int n() {
    return ids.size();
  }

  /** Number of resampling units: clusters when clustered, else examples. */
  public int units() {
    return clusterKeys == null ? ids.size() : new HashSet<>(clusterKeys).size();
  }

  /** The baseline's corpus value over the paired examples. */
  public double baselineValue() {
    return formula.value(sum(baseline));
  }

  /** The candidate's corpus value over the paired examples. */
  public double candidateValue() {
    return formula.value(sum(candidate));
  }

  /** Per-example vectors {@code baseline ++ candidate}, for a paired corpus bootstrap. */
  List<double[]> joined() {
    int d = formula.dimension();
    List<double[]> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      double[] v = new double[2 * d];
      System.arraycopy(baseline.get(i), 0, v, 0, d);
      System.arraycopy(candidate.get(i), 0, v, d, d);
      out.add(v);
    }
    return out;
  }

  /** Whether every example's statistics are the same on both sides (no difference to resample). */
  boolean identical() {
    for (int i = 0; i < ids.size(); i++) {
      if (!java.util.Arrays.equals(baseline.get(i), candidate.get(i))) {
        return false;
      }
    }
    return true;
  }

  private double[] sum(List<double[]> vectors) {
    // Ascending id order (ids are sorted), so the sum is the same whatever order the runs had.
    double[] s = new double[formula.dimension()];
    for (double[] v : vectors) {
      for (int j = 0; j < s.length; j++) {
        s[j] += v[j];
      }
    }
    return s;
  }
}
