package dev.assay.gate;

import java.util.List;

/**
 * The paired values of one metric: for each id present with a value on both sides, the baseline
 * and the candidate value, aligned by position and sorted by id.
 *
 * <p>Invariants: {@code ids}, {@code baseline} and {@code candidate} have the same length, at
 * least 1; ids are unique; {@code clusterKeys} is null (examples are the resampling units) or
 * holds one non-null cluster key per id.
 */
public record PairedMetric(String metric, List<String> ids, double[] baseline, double[] candidate,
    List<String> clusterKeys) {
  public PairedMetric {
    ids = List.copyOf(ids);
    if (ids.isEmpty() || baseline.length != ids.size() || candidate.length != ids.size()) {
      throw new IllegalArgumentException("paired values of '" + metric + "' are empty or misaligned");
    }
    clusterKeys = clusterKeys == null ? null : List.copyOf(clusterKeys);
    if (clusterKeys != null && clusterKeys.size() != ids.size()) {
      throw new IllegalArgumentException("cluster keys of '" + metric + "' are misaligned");
    }
  }

  /** Unclustered paired values. */
  public PairedMetric(String metric, List<String> ids, double[] baseline, double[] candidate) {
    this(metric, ids, baseline, candidate, null);
  }

  public boolean clustered() {
    return clusterKeys != null;
  }

  /** Number of resampling units: clusters when clustered, else examples. */
  public int units() {
    return clusterKeys == null ? ids.size() : new java.util.HashSet<>(clusterKeys).size();
  }

  public int n() {
    return ids.size();
  }

  /** {@code candidate - baseline} per example. */
  public double[] differences() {
    double[] d = new double[baseline.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = candidate[i] - baseline[i];
    }
    return d;
  }

  /** Whether every value on both sides is exactly 0 or 1 (pass/fail outcomes). */
  public boolean binary() {
    return allBinary(baseline) && allBinary(candidate);
  }

  static boolean allBinary(double[] values) {
    for (double v : values) {
      if (v != 0 && v != 1) {
        return false;
      }
    }
    return true;
  }

  static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /** Sample standard deviation (divisor n - 1); 0 when n < 2. */
  static double sd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double m = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (values.length - 1));
  }
}
