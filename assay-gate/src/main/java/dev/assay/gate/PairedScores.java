package dev.assay.gate;

import dev.assay.core.Score;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The scores of one metric on the examples both sides scored: per example (sorted by id), the
 * baseline's and the candidate's scores of their results (one each, or one per repeat).
 *
 * <p>Invariants: {@code ids}, {@code baseline} and {@code candidate} have the same length, at
 * least 1; every list of scores is non-empty; {@code clusterKeys} is null or holds one key per id.
 */
record PairedScores(String metric, List<String> ids, List<List<Score>> baseline, List<List<Score>> candidate,
    List<String> clusterKeys, int[] baselineAt, int[] candidateAt) {
  /**
   * @param baselineAt each example's position on the baseline side ({@link RunScores#ids()} order),
   *     or null to look positions up by id; likewise {@code candidateAt}
   */
  PairedScores {
    ids = List.copyOf(ids);
    baseline = List.copyOf(baseline);
    candidate = List.copyOf(candidate);
    clusterKeys = clusterKeys == null ? null : List.copyOf(clusterKeys);
    if (ids.isEmpty() || baseline.size() != ids.size() || candidate.size() != ids.size()
        || clusterKeys != null && clusterKeys.size() != ids.size()) {
      throw new IllegalArgumentException("paired scores of '" + metric + "' are empty or misaligned");
    }
  }

  int n() {
    return ids.size();
  }

  /** Number of resampling units: clusters when clustered, else examples. */
  int units() {
    return clusterKeys == null ? ids.size() : new HashSet<>(clusterKeys).size();
  }

  /** Whether every example has exactly one result on each side (no repeats). */
  boolean single() {
    for (int i = 0; i < ids.size(); i++) {
      if (baseline.get(i).size() != 1 || candidate.get(i).size() != 1) {
        return false;
      }
    }
    return true;
  }

  /** A side's scores flattened in id order (examples, then results): what weights index after {@link #expand}. */
  static List<Score> flatten(List<List<Score>> side) {
    List<Score> out = new ArrayList<>();
    side.forEach(out::addAll);
    return out;
  }

  /** Per-example weights expanded to one weight per result of {@code side}, in {@link #flatten} order. */
  static double[] expand(double[] exampleWeights, List<List<Score>> side) {
    int total = 0;
    for (List<Score> s : side) {
      total += s.size();
    }
    double[] out = new double[total];
    int k = 0;
    for (int i = 0; i < exampleWeights.length; i++) {
      for (int r = 0; r < side.get(i).size(); r++) {
        out[k++] = exampleWeights[i];
      }
    }
    return out;
  }

  /**
   * The scores of the paired examples in {@code side}'s own order (dataset order for a run): the
   * order the run's own value was computed in, so the value shown for a side is that run's value
   * bit for bit when every example is paired.
   */
  List<Score> inSideOrder(RunScores side, boolean baselineSide) {
    // Paired example at each of the side's positions (-1: not paired), so the side's order is a
    // walk over positions rather than a map from every id.
    int[] paired = new int[side.size()];
    java.util.Arrays.fill(paired, -1);
    int[] at = baselineSide ? baselineAt : candidateAt;
    for (int i = 0; i < ids.size(); i++) {
      int p = at != null ? at[i] : side.position(ids.get(i));
      if (p >= 0) {
        paired[p] = i;
      }
    }
    List<List<Score>> lists = baselineSide ? baseline : candidate;
    List<Score> out = new ArrayList<>();
    for (int i : paired) {
      if (i >= 0) {
        out.addAll(lists.get(i));
      }
    }
    return out;
  }
}
